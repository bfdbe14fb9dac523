#!/usr/bin/env node
// CommonJS on purpose: an ES module entry costs ~5 ms more to start. See src/boot.ts.
require('../dist/boot.cjs').boot(require('node:path').join(__dirname, '..', 'dist', 'cli.cjs'));
