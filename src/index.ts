// The public entry (`import { defineCheck } from 'claude-auth-doctor'`) for plugin authors:
// the helper and the types a check needs. The CLI itself is bin/claude-auth-doctor.cjs.
export { defineCheck } from './check.js';
export type { Check, CheckResult, Evidence, PlanRequest, Status } from './check.js';
export type {
  Context,
  Env,
  ExecResult,
  FileStat,
  FileText,
  HttpResult,
  Platform,
  RunOptions,
} from './context.js';
export type { Policy } from './config/schema.js';
export type { Method, PlanStepId } from './types.js';
