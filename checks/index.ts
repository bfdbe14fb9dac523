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
import authTokenEnv from './auth-token-env.js';
import oauthTokenEnv from './oauth-token-env.js';
import apiKeyHelper from './api-key-helper.js';
import thirdPartyProvider from './third-party-provider.js';
import baseUrl from './base-url.js';
import configDir from './config-dir.js';
import forceLoginMethod from './force-login-method.js';
import credentialsPermissions from './credentials-permissions.js';
import restartNeeded from './restart-needed.js';
import claudeAuthStatus from './claude-auth-status.js';
import network from './network.js';
import verifyCredential from './verify-credential.js';

/** Built-in checks in the order they are reported. */
export const checks: readonly Check[] = [
  apiKeyEnv,
  mixedCredentials,
  subscriptionLogin,
  staleVersion,
  autoReload,
  configFiles,
  authTokenEnv,
  oauthTokenEnv,
  apiKeyHelper,
  thirdPartyProvider,
  baseUrl,
  configDir,
  forceLoginMethod,
  credentialsPermissions,
  restartNeeded,
  claudeAuthStatus,
  multipleInstalls,
  installMethod,
  autoUpdates,
  nodeEngine,
  policy,
  network,
  verifyCredential,
];
