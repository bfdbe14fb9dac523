import type { Check } from '../src/types.js';
import apiKeyEnv from './api-key-env.js';
import autoReload from './auto-reload.js';
import autoUpdates from './auto-updates.js';
import configFiles from './config-files.js';
import installMethod from './install-method.js';
import mixedCredentials from './mixed-credentials.js';
import multipleInstalls from './multiple-installs.js';
import nodeEngine from './node-engine.js';
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
  multipleInstalls,
  installMethod,
  autoUpdates,
  nodeEngine,
  policy,
];
