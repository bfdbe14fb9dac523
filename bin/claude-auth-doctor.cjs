#!/usr/bin/env node
// CommonJS on purpose: an ES module entry costs ~5 ms more to start. See src/boot.ts.
// `statusline` and `hook session-start` run after every message and at every session start:
// they have their own small bundle (src/guard/main.ts) and never load the doctor's.
const argv = process.argv.slice(2);
if (!((argv[0] === 'statusline' || argv[0] === 'hook') && require('../dist/guard.cjs').run(argv)))
  require('../dist/boot.cjs').boot(require('node:path').join(__dirname, '..', 'dist', 'cli.cjs'));
