// "Run it again" hints name the doctor the way the user started it: `npx claude-auth-doctor`
// only under npx, `npm run doctor` in a clone, otherwise the plain command name.

export const COMMAND_NAME = 'claude-auth-doctor';

type Env = Readonly<Record<string, string | undefined>>;

/**
 * How to run the doctor again. npm tells its children what started them: `npm exec` / npx set
 * npm_command=exec (and npm_lifecycle_event=npx); `npm run X` sets npm_command=run-script (npm
 * 11: run) and npm_lifecycle_event=X. Other package managers copy npm_config_user_agent.
 */
export function rerunCommand(env: Env): string {
  const agent = env.npm_config_user_agent ?? '';
  const event = env.npm_lifecycle_event;
  if (env.npm_command === 'exec' || event === 'npx') {
    if (agent.startsWith('pnpm/')) return `pnpm dlx ${COMMAND_NAME}`;
    if (agent.startsWith('bun/')) return `bunx ${COMMAND_NAME}`;
    return `npx ${COMMAND_NAME}`;
  }
  if (
    event &&
    /^[\w:.-]+$/.test(event) &&
    (env.npm_command === 'run-script' || env.npm_command === 'run')
  )
    return `npm run ${event}`;
  if (event && /^[\w:.-]+$/.test(event) && /^(pnpm|yarn)\//.test(agent))
    return `${agent.split('/')[0]} run ${event}`;
  return COMMAND_NAME;
}

/** The same command with a subcommand or flags: `npm run doctor -- fix` needs the `--`. */
export function withArgs(rerun: string, args: string): string {
  return rerun.startsWith('npm run ') ? `${rerun} -- ${args}` : `${rerun} ${args}`;
}
