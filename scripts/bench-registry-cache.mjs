/* global setTimeout */
// Times a default doctor run with the registry cache cold and warm (issue 4), on a fixture
// home with an npm install on PATH, against a registry on 127.0.0.1 that answers after
// LATENCY ms (default 0; try 150 to resemble a real registry). Run `npm run build` first.
// Usage: node scripts/bench-registry-cache.mjs [runs=10] [latencyMs=0]
import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const runs = Number(process.argv[2] ?? 10);
const latency = Number(process.argv[3] ?? 0);
const bin = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../bin/claude-auth-doctor.cjs',
);

const root = mkdtempSync(path.join(tmpdir(), 'cad-bench-'));
const home = path.join(root, 'home');
const prefix = path.join(root, 'npm-global');
const pkg = path.join(prefix, 'lib/node_modules/@anthropic-ai/claude-code');
mkdirSync(path.join(pkg, 'bin'), { recursive: true });
mkdirSync(path.join(prefix, 'bin'), { recursive: true });
mkdirSync(home, { recursive: true });
writeFileSync(
  path.join(pkg, 'package.json'),
  '{"name":"@anthropic-ai/claude-code","version":"2.1.197","engines":{"node":">=18"}}',
);
writeFileSync(path.join(pkg, 'bin/claude.exe'), '#!/bin/sh\necho "2.1.197 (Claude Code)"\n');
chmodSync(path.join(pkg, 'bin/claude.exe'), 0o755);
symlinkSync(path.join(pkg, 'bin/claude.exe'), path.join(prefix, 'bin/claude'));

let requests = 0;
const server = createServer((req, res) => {
  requests += 1;
  const body = req.url.endsWith('/dist-tags')
    ? '{"latest":"2.1.331","stable":"2.1.300"}'
    : '{"version":"2.1.331","engines":{"node":">=22.0.0"}}';
  setTimeout(() => res.end(body), latency);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const env = {
  HOME: home,
  PATH: `${prefix}/bin:/usr/bin:/bin`,
  NO_COLOR: '1',
  npm_config_prefix: prefix,
  npm_config_registry: `http://127.0.0.1:${server.address().port}/`,
};

// Asynchronous spawns, so the registry in this process keeps answering.
async function once(args = [bin, '--json']) {
  const started = process.hrtime.bigint();
  await new Promise((resolve) =>
    spawn(process.execPath, args, { env, stdio: 'ignore' }).on('close', resolve),
  );
  return Number(process.hrtime.bigint() - started) / 1e6;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cold = [];
const warm = [];
const bare = [];
for (let i = 0; i < runs; i += 1) {
  rmSync(path.join(home, '.cache'), { recursive: true, force: true });
  cold.push(await once());
  warm.push(await once());
  bare.push(await once(['-e', '']));
}
const before = requests;
await once();
console.log(`runs: ${runs} each, registry latency ${latency} ms, node ${process.version}`);
console.log(
  `cold cache: median ${median(cold).toFixed(0)} ms (min ${Math.min(...cold).toFixed(0)}, max ${Math.max(...cold).toFixed(0)})`,
);
console.log(
  `warm cache: median ${median(warm).toFixed(0)} ms (min ${Math.min(...warm).toFixed(0)}, max ${Math.max(...warm).toFixed(0)})`,
);
console.log(
  `bare node -e "": median ${median(bare).toFixed(0)} ms (the floor on this machine now)`,
);
console.log(`requests by a warm run: ${requests - before}`);
server.close();
rmSync(root, { recursive: true, force: true });
