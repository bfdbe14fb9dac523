import path from 'node:path';
import { findConfigFiles } from '../config/files.js';
import { DEFAULTS } from '../config/resolve.js';
import { trustFile, trustFilePath, untrustDir } from '../config/trust.js';
import { Context } from '../context.js';
import type { Command, Io } from './command.js';
import { worldFrom } from './doctor.js';

// `claude-auth-doctor trust [dir]`: the user's explicit approval for a project's JavaScript or
// TypeScript configuration (and the plugins it names) to run, like `direnv allow`. It records
// the file's real path and SHA-256; it never runs the file.

export const trustCommand: Command = {
  name: 'trust [dir]',
  describe:
    "Let a project's JavaScript/TypeScript configuration and plugins run (recorded by content hash: any change needs trusting again)",
  options: [
    { name: 'remove', type: 'boolean', default: false, describe: 'Withdraw the trust instead' },
  ],
  examples: [
    ['claude-auth-doctor trust', "Let this project's configuration run"],
    ['claude-auth-doctor trust --remove', 'Withdraw that trust'],
  ],
  build: (yargs) =>
    yargs.positional('dir', {
      type: 'string',
      describe: 'The project directory (default: the current one)',
    }),
  async run(args, io: Io) {
    const world = worldFrom(args, io);
    const paths = new Context({ ...world, options: { ...DEFAULTS, verbose: false } });
    const display = (file: string) => paths.display(file);
    const dir = path.resolve(io.cwd, typeof args.dir === 'string' ? args.dir : world.cwd);
    const search = { env: world.env, cwd: dir, home: paths.home };
    if (args.remove) {
      const count = await untrustDir(search, dir);
      io.stdout(
        count
          ? `No longer trusted: the configuration in ${display(dir)}.\n`
          : `Nothing in ${display(dir)} was trusted.\n`,
      );
      return 0;
    }
    const { found, notices } = await findConfigFiles(search, display);
    for (const notice of notices) io.stderr(`claude-auth-doctor: ${notice}\n`);
    const project = found.find((file) => file.scope === 'project');
    if (!project) {
      io.stderr(
        `claude-auth-doctor: no claude-auth-doctor configuration file in ${display(dir)}; nothing to trust.\n`,
      );
      return 1;
    }
    const sha256 = await trustFile(search, project.path, paths.now());
    io.stdout(
      `Trusted ${display(project.path)} (sha256 ${sha256.slice(0, 16)}…): it and the plugins it names will load.\n` +
        `Any change to it withdraws the trust; the list is ${display(trustFilePath(search))}.\n`,
    );
    return 0;
  },
};
