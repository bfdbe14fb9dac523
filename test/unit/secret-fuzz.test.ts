import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { checks } from '../../checks/index.js';
import { diagnose } from '../../src/doctor.js';
import { renderHuman } from '../../src/render/human.js';
import { renderJson } from '../../src/render/json.js';
import { makeStyle } from '../../src/render/style.js';
import { makeFixture, subscriptionHome } from '../helpers/fixture.js';
import { expectNoSecret, KEYS } from '../helpers/secrets.js';

// Whatever the startup files and settings look like, the planted secret never reaches output.

const shellLine = fc.oneof(
  fc.constantFrom(
    `export ANTHROPIC_API_KEY=${KEYS.apiKey}`,
    `ANTHROPIC_API_KEY="${KEYS.apiKey}"`,
    'export ANTHROPIC_API_KEY',
    `set -gx ANTHROPIC_AUTH_TOKEN ${KEYS.authToken}`,
    `echo ${KEYS.apiKey}`,
    `cat <<EOF`,
    'EOF',
    `# ${KEYS.oauthToken}`,
    `export CLAUDE_CODE_OAUTH_TOKEN='${KEYS.oauthToken}`,
    `$env:ANTHROPIC_API_KEY = "${KEYS.apiKey}"`,
    '. ~/.bashrc',
  ),
  fc.string({ maxLength: 80 }),
);

describe('no secret in output, whatever the input', () => {
  it('holds for random startup files and settings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(shellLine, { maxLength: 12 }),
        fc.dictionary(
          fc.constantFrom(
            'ANTHROPIC_API_KEY',
            'ANTHROPIC_AUTH_TOKEN',
            'CLAUDE_CODE_OAUTH_TOKEN',
            'X',
          ),
          fc.constantFrom(KEYS.apiKey, KEYS.authToken, '', ' '),
        ),
        fc.boolean(),
        async (lines, settingsEnv, exported) => {
          const fixture = makeFixture({
            home: subscriptionHome({
              '.claude/settings.json': { env: settingsEnv, apiKeyHelper: `echo ${KEYS.apiKey2}` },
            }),
            claude: null,
          });
          writeFileSync(path.join(fixture.home, '.bashrc'), lines.join('\n'));
          const ctx = fixture.context({
            env: { ...fixture.env, ...(exported ? { ANTHROPIC_API_KEY: KEYS.apiKey } : {}) },
          });
          const { report } = await diagnose(ctx, checks);
          expectNoSecret(renderJson(report));
          expectNoSecret(renderHuman(report, { style: makeStyle(false), verbose: true }));
        },
      ),
      { numRuns: 60 },
    );
  });
});
