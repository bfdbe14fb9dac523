import type { Check } from '../src/types.js';
import apiKeyEnv from './api-key-env.js';
import autoReload from './auto-reload.js';
import configFiles from './config-files.js';
import mixedCredentials from './mixed-credentials.js';
import policy from './policy.js';
import staleVersion from './stale-version.js';
import subscriptionLogin from './subscription-login.js';

/** Built-in checks in the order they are reported. */
export const checks: readonly Check[] = [
  apiKeyEnv,
  mixedCredentials,
  subscriptionLogin,
  staleVersion,
  autoReload,
  configFiles,
  policy,
];
