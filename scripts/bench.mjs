// npm run bench: how long the doctor takes next to bare Node start-up, on a representative
// fixture home, in a clean environment (only HOME and PATH: NODE_EXTRA_CA_CERTS alone adds
// ~40 ms to every Node start). Runs are interleaved so machine noise hits both sides alike.
import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = path.join(root, 'bin', 'claude-auth-doctor.cjs');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);
const REAL_CLAUDE = path.join(
  process.env.XDG_CACHE_HOME ?? path.join(process.env.HOME ?? '', '.cache'),
  'claude-auth-doctor-test',
  'cli-2.1.331',
  'node_modules',
  '@anthropic-ai',
  'claude-code',
  'bin',
  'claude.exe',
);

function write(file, content, mode = 0o644) {
  mkdirSync(path.dirname(file), { recursive: true });
  // Claude Code writes its JSON files with two-space indentation.
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2), {
    mode,
  });
}

/** A home like a real user's: a Max login, an exported key in .zshrc, settings, a fake claude. */
function fixture(projects = 0) {
  const dir = mkdtempSync(path.join(tmpdir(), 'cad-bench-'));
  const home = path.join(dir, 'home');
  const key = `sk-ant-api03-${'b'.repeat(80)}WXYZ`;
  write(
    path.join(home, '.claude', '.credentials.json'),
    {
      claudeAiOauth: {
        accessToken: `sk-ant-oat01-${'a'.repeat(80)}`,
        refreshToken: `sk-ant-ort01-${'c'.repeat(80)}`,
        expiresAt: 4102444800000,
        scopes: ['user:inference'],
        subscriptionType: 'max',
        rateLimitTier: 'default_claude_max_20x',
      },
    },
    0o600,
  ); // as Claude Code writes it: a 0644 file would make the doctor warn, unlike a real home
  const big = {};
  for (let i = 0; i < projects; i += 1) {
    big[`/home/user/src/project-${i}`] = {
      allowedTools: [],
      history: Array.from({ length: 20 }, (_, n) => ({
        display: `prompt ${n} ${'x'.repeat(150)}`,
        pastedContents: {},
      })),
      mcpServers: {},
      hasTrustDialogAccepted: true,
    };
  }
  write(path.join(home, '.claude.json'), {
    numStartups: 300,
    installMethod: 'native',
    projects: big,
    oauthAccount: { emailAddress: 'a@example.com', billingType: 'stripe_subscription' },
    customApiKeyResponses: { approved: [], rejected: [key.slice(-20)] },
  });
  write(path.join(home, '.claude', 'settings.json'), {
    env: { DISABLE_TELEMETRY: '1' },
    autoUpdatesChannel: 'latest',
  });
  write(
    path.join(home, '.zshrc'),
    `# zshrc\nexport PATH="$HOME/bin:$PATH"\nexport ANTHROPIC_API_KEY=${key}\nalias ll='ls -l'\n`,
  );
  write(path.join(home, '.bashrc'), '# bashrc\n[ -f ~/.bash_aliases ] && . ~/.bash_aliases\n');
  const fakeBin = path.join(dir, 'bin');
  write(path.join(fakeBin, 'claude'), '#!/bin/sh\necho "2.1.331 (Claude Code)"\n');
  chmodSync(path.join(fakeBin, 'claude'), 0o755);
  const nodeDir = path.dirname(process.execPath);
  return {
    dir,
    home,
    env: { HOME: home, PATH: `${fakeBin}:${nodeDir}:/usr/bin:/bin`, ANTHROPIC_API_KEY: key },
  };
}

function time(command, args, env, cwd) {
  const started = process.hrtime.bigint();
  const result = spawnSync(command, args, { env, cwd, stdio: ['ignore', 'pipe', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0 && result.status !== 1)
    throw new Error(`${command} ${args.join(' ')} exited ${result.status}: ${result.stderr}`);
  return ms;
}

function peakMemoryMb(args, env, cwd) {
  if (!existsSync('/usr/bin/time')) return NaN;
  const result = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, ...args], {
    env,
    cwd,
    encoding: 'utf8',
  });
  return Number(result.stderr.trim().split('\n').at(-1)) / 1024;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** Interleaves the commands run by run, then reports medians. */
function compare(label, commands) {
  const samples = commands.map(() => []);
  for (let run = 0; run < RUNS + 2; run += 1) {
    commands.forEach((c, i) => {
      const ms = time(c.command, c.args, c.env, c.cwd);
      if (run >= 2) samples[i].push(ms); // two warm-up runs
    });
  }
  console.log(`\n${label} (${RUNS} runs each, median)`);
  commands.forEach((c, i) =>
    console.log(`  ${c.name.padEnd(44)} ${median(samples[i]).toFixed(1).padStart(8)} ms`),
  );
  return samples.map(median);
}

spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, stdio: 'inherit' });
const small = fixture();
const cwd = small.home;
const node = {
  name: 'node -e ""',
  command: process.execPath,
  args: ['-e', ''],
  env: small.env,
  cwd,
};
const doctor = (name, args, fx = small) => ({
  name,
  command: process.execPath,
  args: [bin, ...args],
  env: fx.env,
  cwd: fx.home,
});

const [bare, json, human] = compare('Start-up', [
  node,
  doctor('claude-auth-doctor --json --offline', ['--json', '--offline']),
  doctor('claude-auth-doctor --offline (human)', ['--offline']),
]);
console.log(
  `  ratio --json / bare Node: ${(json / bare).toFixed(2)}   human / bare Node: ${(human / bare).toFixed(2)}   (target <= 3.0)`,
);
console.log(
  `  peak memory: --json ${peakMemoryMb([bin, '--json', '--offline'], small.env, cwd).toFixed(1)} MB, human ${peakMemoryMb([bin, '--offline'], small.env, cwd).toFixed(1)} MB (target < 100 MB)`,
);

// The runs above use the compiled-code cache the warm-up runs wrote (src/boot.ts); a first run
// after installing compiles the bundle and writes that cache.
const firstRuns = [];
for (let run = 0; run < Math.min(RUNS, 10); run += 1) {
  const cacheHome = mkdtempSync(path.join(small.dir, 'first-run-cache-'));
  firstRuns.push(
    time(
      process.execPath,
      [bin, '--json', '--offline'],
      { ...small.env, XDG_CACHE_HOME: cacheHome },
      cwd,
    ),
  );
}
const cacheDir = path.join(small.home, '.cache', 'claude-auth-doctor', 'code-cache');
const cacheKb =
  readdirSync(cacheDir).reduce((sum, name) => sum + statSync(path.join(cacheDir, name)).size, 0) /
  1024;
console.log(
  `  first run after install (no code cache yet; it writes ${cacheKb.toFixed(0)} kB): ${median(firstRuns).toFixed(1)} ms`,
);

// The scale case: a long-lived machine's .claude.json of 50 MB or more.
const large = fixture(11000);
const bigSize = spawnSync('du', ['-m', path.join(large.home, '.claude.json')], {
  encoding: 'utf8',
}).stdout.split('\t')[0];
const [smallRun, largeRun] = compare(`Scale: .claude.json of ${bigSize} MB`, [
  doctor('small .claude.json', ['--json', '--offline']),
  doctor(`${bigSize} MB .claude.json`, ['--json', '--offline'], large),
]);
console.log(
  `  slowdown: ${(largeRun - smallRun).toFixed(1)} ms; peak memory ${peakMemoryMb([bin, '--json', '--offline'], large.env, large.home).toFixed(1)} MB`,
);

if (existsSync(REAL_CLAUDE)) {
  const realBin = path.join(small.dir, 'real-bin');
  mkdirSync(realBin, { recursive: true });
  spawnSync('ln', ['-sf', REAL_CLAUDE, path.join(realBin, 'claude')]);
  const env = {
    ...small.env,
    PATH: `${realBin}:${path.dirname(process.execPath)}:/usr/bin:/bin`,
    DISABLE_AUTOUPDATER: '1',
  };
  compare('Against Claude Code itself (real claude 2.1.331 on PATH)', [
    {
      name: 'claude-auth-doctor (default: registry, network)',
      command: process.execPath,
      args: [bin],
      env,
      cwd,
    },
    {
      name: 'claude-auth-doctor --offline',
      command: process.execPath,
      args: [bin, '--offline'],
      env,
      cwd,
    },
    {
      name: 'claude auth status',
      command: path.join(realBin, 'claude'),
      args: ['auth', 'status'],
      env,
      cwd,
    },
  ]);
  // The default run's time depends on the network it finds; say what that was.
  const report = JSON.parse(
    spawnSync(process.execPath, [bin, '--json'], { env, cwd, encoding: 'utf8' }).stdout,
  );
  for (const id of ['network', 'stale-version']) {
    const check = report.checks.find((c) => c.id === id);
    console.log(`  default run's ${id}: ${check.status}: ${check.summary.slice(0, 110)}`);
  }
} else {
  console.log(
    `\n(no cached real Claude Code at ${REAL_CLAUDE}; the comparison with \`claude auth status\` is skipped)`,
  );
}

// The offline budget: a registry that accepts connections and never answers, a claude that
// never exits. The run must end within --timeout plus 0.5 s.
const { createServer } = await import('node:http');
const silent = createServer(() => {});
await new Promise((resolve) => silent.listen(0, '127.0.0.1', resolve));
const hung = fixture();
write(path.join(hung.dir, 'bin', 'claude'), '#!/bin/sh\nexec sleep 600\n');
chmodSync(path.join(hung.dir, 'bin', 'claude'), 0o755);
const hungEnv = { ...hung.env, npm_config_registry: `http://127.0.0.1:${silent.address().port}/` };
const timeouts = [];
for (let run = 0; run < 5; run += 1) {
  const started = process.hrtime.bigint();
  spawnSync(process.execPath, [bin, '--json', '--timeout', '1000'], {
    env: hungEnv,
    cwd: hung.home,
    stdio: 'ignore',
  });
  timeouts.push(Number(process.hrtime.bigint() - started) / 1e6);
}
silent.closeAllConnections();
silent.close();
console.log(
  `\nOffline budget (registry never answers, claude never exits, --timeout 1000): median ${median(timeouts).toFixed(0)} ms, worst ${Math.max(...timeouts).toFixed(0)} ms (target <= 1500)`,
);

// What `npx claude-auth-doctor` costs a first-time user: the packed tarball, an empty npm cache,
// no registry (--offline): the package has no dependencies to fetch.
const packDir = mkdtempSync(path.join(tmpdir(), 'cad-bench-pack-'));
const packed = JSON.parse(
  spawnSync('npm', ['pack', '--json', '--silent', '--pack-destination', packDir], {
    cwd: root,
    encoding: 'utf8',
  }).stdout,
);
const tarball = path.join(packDir, packed[0].filename);
const npxRuns = [];
for (let run = 0; run < 3; run += 1) {
  const cache = mkdtempSync(path.join(packDir, 'npm-cache-'));
  npxRuns.push(
    time(
      'npx',
      [
        '--yes',
        '--offline',
        '--cache',
        cache,
        '--package',
        tarball,
        'claude-auth-doctor',
        '--version',
      ],
      { ...small.env, PATH: process.env.PATH },
      packDir,
    ),
  );
}
console.log(
  `\nnpx with an empty npm cache, offline (${(packed[0].size / 1024).toFixed(0)} kB tarball, ${packed[0].entryCount} files): median ${median(npxRuns).toFixed(0)} ms of 3`,
);

for (const fx of [small, large, hung]) rmSync(fx.dir, { recursive: true, force: true });
rmSync(packDir, { recursive: true, force: true });
