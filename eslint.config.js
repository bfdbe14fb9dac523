import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import prettier from 'eslint-config-prettier';

const worldImports = [
  'node:fs',
  'node:fs/promises',
  'fs',
  'fs/promises',
  'node:child_process',
  'child_process',
  'execa',
  'node:http',
  'node:https',
  'node:net',
  'node:dns',
];

/** Import patterns for the layers below `model` (plus `extra` modules), seen from `from`. */
function downstream(from, extra) {
  const modules = [...extra, 'run', 'report', 'report-file', 'plan', 'doctor', 'anonymize'];
  const dirs = ['fix', 'render', 'output', 'commands', 'config', 'guard'];
  return [
    ...modules.map((m) => `${from}/${m}.js`),
    ...dirs.map((d) => `${from}/${d}/*`),
    ...(from === '..' ? ['../../checks/*'] : []),
  ];
}

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Formatting is Prettier's job (`npm run lint` runs `prettier --check`).
  prettier,
  {
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  {
    // Checks, sources and renderers reach the world only through the Context.
    files: ['checks/**/*.ts', 'src/**/*.ts'],
    // src/config/files.ts, plugins.ts and trust.ts read configuration and plugins before a Context exists;
    // src/net/request.ts and src/world/ are the HTTP client, files and processes behind the Context;
    // src/boot.ts starts the bundle, before anything else runs; src/guard/main.ts and read.ts are
    // the status line and hook, which must start in a fraction of the doctor's time.
    ignores: [
      'src/context.ts',
      'src/world/**',
      'src/boot.ts',
      'src/guard/main.ts',
      'src/guard/read.ts',
      'src/cli.ts',
      'src/cli-yargs.ts',
      'src/config/files.ts',
      'src/config/plugins.ts',
      'src/config/trust.ts',
      'src/net/request.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: worldImports.map((name) => ({ name, message: 'Use the Context (ctx) instead.' })),
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'process', message: 'Use ctx.env / ctx.platform instead.' },
        { name: 'fetch', message: 'Use ctx.httpGet instead.' },
      ],
    },
  },
  // Layers (world -> sources -> model -> checks -> engine -> renderers -> commands): nothing
  // reaches back upstream. test/architecture.test.ts holds the whole order over the bundle graph.
  {
    files: ['src/sources/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: worldImports.map((name) => ({ name, message: 'Use the Context (ctx) instead.' })),
          patterns: [
            {
              group: downstream('..', ['credentials', 'where-set', 'check']),
              message: 'A source never imports the model or anything downstream of it.',
            },
          ],
        },
      ],
    },
  },
  {
    // The world is the bottom layer: the Context is built on it, never the other way round.
    files: ['src/world/**/*.ts', 'src/net/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [{ group: ['../context.js'], message: 'The world never imports the Context.' }],
        },
      ],
    },
  },
  {
    files: ['src/platform/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: worldImports.map((name) => ({ name, message: 'Use the Context (ctx) instead.' })),
          patterns: [
            {
              group: ['../context.js'],
              message: 'Platform paths take a Place (src/world/world.ts), not the Context.',
            },
          ],
        },
      ],
    },
  },
  {
    // The report is made of outcomes, the credential model and an environment snapshot.
    files: ['src/report.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: worldImports.map((name) => ({ name, message: 'Use the Context (ctx) instead.' })),
          patterns: [
            {
              group: ['./context.js', './sources/*', './platform/*', './world/*'],
              message: 'The report is built from outcomes, the model and a snapshot (ReportInput).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['checks/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: worldImports.map((name) => ({ name, message: 'Use the Context (ctx) instead.' })),
          patterns: [
            {
              group: downstream('../src', []),
              message: 'A check never imports the engine, renderers or commands.',
            },
          ],
        },
      ],
    },
  },
  {
    // The engine (run, report, plan, fix mode) returns data and yields events; renderers turn
    // them into text and commands print it, never the other way round.
    files: ['src/{run,report,report-file,plan,doctor,anonymize}.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: worldImports.map((name) => ({ name, message: 'Use the Context (ctx) instead.' })),
          patterns: [
            {
              group: ['./render/*', './output/*', './commands/*', './config/*', './guard/*'],
              allowTypeImports: true,
              message: 'The engine never imports renderers or commands: return data instead.',
            },
          ],
        },
      ],
    },
  },
  {
    // Fix mode is the only code that writes user files (backups, atomic replace); it still
    // reads, spawns and checks the network through the Context. It yields events
    // (src/fix/events.ts): src/render/fix.ts prints them, src/commands/fix-run.ts asks.
    files: ['src/fix/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: worldImports
            .filter((name) => !name.includes('fs'))
            .map((name) => ({ name, message: 'Use the Context (ctx) instead.' })),
          patterns: [
            {
              group: ['../render/*', '../output/*', '../commands/*', '../config/*', '../guard/*'],
              allowTypeImports: true,
              message: 'Fix mode yields events; a renderer prints them and the command asks.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**/*.ts', 'scripts/**/*.mjs'],
    rules: { 'no-console': 'off' },
  },
  {
    files: ['scripts/**/*.mjs'],
    languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
  },
  {
    // The bin is CommonJS: an ES module entry costs ~5 ms more to start.
    files: ['bin/**/*.cjs'],
    languageOptions: {
      sourceType: 'commonjs',
      globals: { require: 'readonly', __dirname: 'readonly', process: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
