import type { Context } from '../context.js';
import { claudePaths } from '../platform/paths.js';
import type { Secret } from '../redact.js';
import {
  isBoolean,
  isObject,
  isString,
  isStringArray,
  readJsonFile,
  typedKey,
  type JsonFile,
} from './json-file.js';
import { envBlock } from './settings.js';

// `.claude.json` keys that matter (facts file, section 2); everything else is noise.

export interface OAuthAccount {
  emailAddress?: string;
  organizationUuid?: string;
  organizationName?: string;
  billingType?: string;
  hasExtraUsageEnabled?: boolean;
}

export interface GlobalConfig {
  file: JsonFile;
  /** Everything wrong with the file: its own problems, then keys of the wrong type. */
  problems: string[];
  oauthAccount?: OAuthAccount;
  primaryApiKey?: Secret;
  /** Last 20 characters of env keys answered at the interactive prompt: secrets too. */
  approvedKeys: Secret[];
  rejectedKeys: Secret[];
  env: Record<string, string>;
  installMethod?: string;
  autoUpdates?: boolean;
  /** With installMethod native, `autoUpdates: false` no longer turns updates off. */
  autoUpdatesProtectedForNative?: boolean;
}

export const SUBSCRIPTION_BILLING_TYPES = new Set([
  'stripe_subscription',
  'stripe_subscription_contracted',
  'apple_subscription',
  'google_play_subscription',
]);

/** The only top-level keys read from `.claude.json`; a large file yields just these. */
export const GLOBAL_CONFIG_KEYS = [
  'oauthAccount',
  'primaryApiKey',
  'customApiKeyResponses',
  'env',
  'installMethod',
  'autoUpdates',
  'autoUpdatesProtectedForNative',
] as const;

export function globalConfig(ctx: Context): Promise<GlobalConfig> {
  return ctx.memo('global-config', async () => {
    const [legacy, current] = claudePaths(ctx).globalConfigCandidates as [string, string];
    const legacyFile = await readJsonFile(ctx, legacy, GLOBAL_CONFIG_KEYS);
    // A legacy `.config.json` wins when it exists.
    const file =
      legacyFile.state === 'missing'
        ? await readJsonFile(ctx, current, GLOBAL_CONFIG_KEYS)
        : legacyFile;
    const data = file.data;
    const problems = [...file.problems];
    const config: GlobalConfig = {
      file,
      problems,
      approvedKeys: [],
      rejectedKeys: [],
      env: envBlock(problems, data),
    };

    const account = typedKey(problems, data, 'oauthAccount', isObject, 'an object');
    if (account) {
      config.oauthAccount = {};
      for (const key of [
        'emailAddress',
        'organizationUuid',
        'organizationName',
        'billingType',
      ] as const) {
        const value = typedKey(problems, account, key, isString, 'a string', `oauthAccount.${key}`);
        if (value !== undefined) config.oauthAccount[key] = value;
      }
      const extra = typedKey(
        problems,
        account,
        'hasExtraUsageEnabled',
        isBoolean,
        'true or false',
        'oauthAccount.hasExtraUsageEnabled',
      );
      if (extra !== undefined) config.oauthAccount.hasExtraUsageEnabled = extra;
    }

    const key = typedKey(problems, data, 'primaryApiKey', isString, 'a string');
    // Any non-empty value counts, white space included (2.1.331).
    if (key) config.primaryApiKey = ctx.secret(key);

    const responses = data.customApiKeyResponses;
    if (responses !== undefined) {
      if (isObject(responses)) {
        for (const [list, target] of [
          ['approved', config.approvedKeys],
          ['rejected', config.rejectedKeys],
        ] as const) {
          const values = typedKey(
            problems,
            responses,
            list,
            isStringArray,
            'an array of strings',
            `customApiKeyResponses.${list}`,
          );
          for (const value of values ?? []) target.push(ctx.secret(value));
        }
      } else {
        typedKey(problems, data, 'customApiKeyResponses', isObject, 'an object');
      }
    }

    const method = typedKey(problems, data, 'installMethod', isString, 'a string');
    if (method !== undefined) config.installMethod = method;
    const autoUpdates = typedKey(problems, data, 'autoUpdates', isBoolean, 'true or false');
    if (autoUpdates !== undefined) config.autoUpdates = autoUpdates;
    const protectedForNative = typedKey(
      problems,
      data,
      'autoUpdatesProtectedForNative',
      isBoolean,
      'true or false',
    );
    if (protectedForNative !== undefined) config.autoUpdatesProtectedForNative = protectedForNative;
    return config;
  });
}
