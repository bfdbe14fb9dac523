// npm run bench:guard: what the guard costs per status-line update and per session start, in
// CPU time next to bare Node start-up (target: at most 1.5 times). Each command runs RUNS times
// in one bash loop; bash's `times` gives the CPU time of the loop's children in milliseconds,
// which a single run's 10 ms clock ticks could not. Wall time is the median of single runs.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'claude-auth-doctor.cjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 40);
const node = process.execPath;

function write(file, content) {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2));
}

/** A Max login, a rejected env key, settings; `projects` entries make .claude.json large. */
function fixture(projects) {
  const dir = mkdtempSync(path.join(tmpdir(), 'cad-bench-guard-'));
  const home = path.join(dir, 'home');
  const key = `sk-ant-api03-${'b'.repeat(80)}WXYZ`;
  write(path.join(home, '.claude', '.credentials.json'), {
    claudeAiOauth: {
      accessToken: `sk-ant-oat01-${'a'.repeat(80)}`,
      refreshToken: `sk-ant-ort01-${'c'.repeat(80)}`,
      expiresAt: 4102444800000,
      scopes: ['user:inference'],
      subscriptionType: 'max',
      rateLimitTier: 'default_claude_max_20x',
    },
  });
  const big = {};
  for (let i = 0; i < projects; i += 1) {
    big[`/home/user/src/project-${i}`] = {
      allowedTools: [],
      history: Array.from({ length: 20 }, (_, n) => ({
        display: `prompt ${n} ${'x'.repeat(150)}`,
        pastedContents: {},
      })),
      hasTrustDialogAccepted: true,
    };
  }
  // The keys the guard reads come after `projects`, so the whole file must be streamed.
  write(path.join(home, '.claude.json'), {
    numStartups: 300,
    projects: big,
    oauthAccount: { emailAddress: 'a@example.com', billingType: 'stripe_subscription' },
    customApiKeyResponses: { approved: [], rejected: [key.slice(-20)] },
  });
  write(path.join(home, '.claude', 'settings.json'), { env: { DISABLE_TELEMETRY: '1' } });
  const project = path.join(home, 'project');
  mkdirSync(project, { recursive: true });
  const input = path.join(dir, 'statusline.json');
  write(input, {
    session_id: 'b1a2',
    cwd: project,
    model: { id: 'claude-opus-5-5', display_name: 'Opus 5.5' },
    workspace: { current_dir: project, project_dir: project },
    version: '2.1.331',
    cost: { total_cost_usd: 0.01 },
  });
  const hookInput = path.join(dir, 'hook.json');
  write(hookInput, {
    session_id: 'b1a2',
    cwd: project,
    hook_event_name: 'SessionStart',
    source: 'startup',
  });
  return {
    dir,
    project,
    input,
    hookInput,
    env: {
      HOME: home,
      PATH: '/usr/bin:/bin',
      LANG: 'C.UTF-8',
      ANTHROPIC_API_KEY: key,
      CLAUDE_CODE_ENTRYPOINT: 'cli',
      CLAUDE_PROJECT_DIR: project,
    },
  };
}

const q = (s) => `'${s.replace(/'/g, `'\\''`)}'`;

/** CPU milliseconds (user + system) per run of `argv` with stdin from `input`. */
function cpuPerRun(argv, input, fx) {
  const command = argv.map(q).join(' ');
  const script = `for i in $(seq ${RUNS}); do ${command} <${q(input)} >/dev/null 2>&1; done; times`;
  const run = spawnSync('bash', ['-c', script], { env: fx.env, cwd: fx.project, encoding: 'utf8' });
  // `times`: the shell's own line, then its children's: "0m1.234s 0m0.210s".
  const line = run.stdout.trim().split('\n').at(-1) ?? '';
  const seconds = [...line.matchAll(/(\d+)m([\d.]+)s/g)].map(
    (m) => Number(m[1]) * 60 + Number(m[2]),
  );
  if (seconds.length !== 2) throw new Error(`no times output: ${run.stdout} ${run.stderr}`);
  return ((seconds[0] + seconds[1]) * 1000) / RUNS;
}

function wallMedian(argv, input, fx) {
  const samples = [];
  for (let i = 0; i < Math.min(RUNS, 15); i += 1) {
    const started = process.hrtime.bigint();
    spawnSync(argv[0], argv.slice(1), {
      env: fx.env,
      cwd: fx.project,
      input: input ? readInput(input) : '',
      stdio: ['pipe', 'ignore', 'ignore'],
    });
    samples.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)];
}

const inputs = new Map();
function readInput(file) {
  if (!inputs.has(file)) inputs.set(file, spawnSync('cat', [file]).stdout);
  return inputs.get(file);
}

if (!process.argv.includes('--no-build'))
  spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
const small = fixture(0);
const large = fixture(15000);
const wrapped = 'input=$(cat); echo "my status"';
const rows = [
  ['bare Node (node -e "")', [node, '-e', ''], small.input, small],
  ['statusline', [node, bin, 'statusline'], small.input, small],
  ['hook session-start', [node, bin, 'hook', 'session-start'], small.hookInput, small],
  ['statusline, 52 MB .claude.json', [node, bin, 'statusline'], large.input, large],
  [
    'statusline --wrap (a sh one-liner)',
    [node, bin, 'statusline', '--wrap', wrapped],
    small.input,
    small,
  ],
  ['the wrapped one-liner alone (sh -c)', ['/bin/sh', '-c', wrapped], small.input, small],
];
// Interleaved twice, so machine noise hits every row alike.
const cpu = rows.map(() => []);
for (let pass = 0; pass < 2; pass += 1)
  rows.forEach(([, argv, input, fx], i) => cpu[i].push(cpuPerRun(argv, input, fx)));
const bare = Math.min(...cpu[0]);
console.log(
  `\nGuard cost (${RUNS} runs per figure, CPU = user + system per run, best of 2 passes)`,
);
for (const [i, [name, argv, input, fx]] of rows.entries()) {
  const ms = Math.min(...cpu[i]);
  console.log(
    `  ${name.padEnd(40)} CPU ${ms.toFixed(1).padStart(6)} ms  (${(ms / bare).toFixed(2)}x bare Node)   wall ${wallMedian(argv, input, fx).toFixed(1).padStart(6)} ms`,
  );
}
console.log('  target: statusline and hook CPU <= 1.5x bare Node');
for (const fx of [small, large]) rmSync(fx.dir, { recursive: true, force: true });
