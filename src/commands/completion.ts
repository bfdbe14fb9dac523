import { checks } from '../../checks/index.js';
import { COMMAND_NAME } from '../invocation.js';
import type { Command } from './command.js';
import type { OptionSpec } from './options.js';

// Static completion scripts, generated from the same command and option tables as the help:
// completing never starts the doctor (and so never its checks) on every Tab.

export interface CompletionCommand {
  name: string;
  options: readonly OptionSpec[];
}

const SHELLS = ['bash', 'zsh', 'fish'] as const;
type Shell = (typeof SHELLS)[number];

/** What each option takes as its value: a list of words, a file, or nothing (a switch). */
function valueWords(spec: OptionSpec): string[] | 'file' | null {
  if (spec.type === 'boolean') return null;
  if (spec.choices) return [...(spec.choices as readonly string[])];
  if (spec.name === 'only' || spec.name === 'skip') return checks.map((c) => c.id);
  if (spec.name === 'config' || spec.name === 'output' || spec.name === 'cwd') return 'file';
  return [];
}

function flags(spec: OptionSpec): string[] {
  const names = [`--${spec.name}`];
  if (spec.type === 'boolean' || spec.negatable) names.push(`--no-${spec.name}`);
  if (typeof spec.alias === 'string') names.push(`-${spec.alias}`);
  return names;
}

export function completionScript(shell: Shell, commands: readonly CompletionCommand[]): string {
  const sub = commands.filter((c) => c.name !== '$0');
  const word = (c: CompletionCommand) => c.name.split(' ')[0]!;
  const ids = checks.map((c) => c.id).join(' ');
  if (shell === 'fish') {
    const lines = [`# ${COMMAND_NAME} completion for fish`, `complete -c ${COMMAND_NAME} -f`];
    const names = sub.map(word).join(' ');
    for (const command of sub)
      lines.push(
        `complete -c ${COMMAND_NAME} -n "not __fish_seen_subcommand_from ${names}" -a ${word(command)}`,
      );
    lines.push(
      `complete -c ${COMMAND_NAME} -n "__fish_seen_subcommand_from explain" -a "${ids}"`,
      `complete -c ${COMMAND_NAME} -n "__fish_seen_subcommand_from view" -F`,
      `complete -c ${COMMAND_NAME} -n "__fish_seen_subcommand_from completion" -a "${SHELLS.join(' ')}"`,
    );
    for (const command of commands) {
      const condition =
        command.name === '$0'
          ? `not __fish_seen_subcommand_from ${names}`
          : `__fish_seen_subcommand_from ${word(command)}`;
      for (const spec of command.options) {
        const values = valueWords(spec);
        const short = typeof spec.alias === 'string' ? ` -s ${spec.alias}` : '';
        const takes =
          values === null ? '' : values === 'file' ? ' -r -F' : ` -x -a "${values.join(' ')}"`;
        lines.push(`complete -c ${COMMAND_NAME} -n "${condition}" -l ${spec.name}${short}${takes}`);
      }
    }
    return `${lines.join('\n')}\n`;
  }

  // bash and zsh (through bashcompinit) share one function.
  const cases = commands.map((command) => {
    const options = command.options.flatMap(flags).join(' ');
    return `    ${command.name === '$0' ? '""' : word(command)}) opts="${options}" ;;`;
  });
  const valueCases = new Map<string, string>();
  for (const command of commands)
    for (const spec of command.options) {
      const values = valueWords(spec);
      if (values === null) continue;
      valueCases.set(
        `--${spec.name}`,
        values === 'file'
          ? `COMPREPLY=( $(compgen -f -- "$cur") ); return`
          : `COMPREPLY=( $(compgen -W "${values.join(' ')}" -- "$cur") ); return`,
      );
    }
  const fn = `_${COMMAND_NAME.replace(/-/g, '_')}`;
  const body = `${fn}() {
  local cur prev sub="" i opts
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  for ((i = 1; i < COMP_CWORD; i++)); do
    case "\${COMP_WORDS[i]}" in
      ${sub.map(word).join('|')}) sub="\${COMP_WORDS[i]}"; break ;;
    esac
  done
  case "$prev" in
${[...valueCases].map(([flag, action]) => `    ${flag}) ${action} ;;`).join('\n')}
  esac
  case "$sub" in
${cases.join('\n')}
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$opts --help" -- "$cur") )
  elif [[ -z "$sub" ]]; then
    COMPREPLY=( $(compgen -W "${sub.map(word).join(' ')}" -- "$cur") )
  elif [[ "$sub" == explain ]]; then
    COMPREPLY=( $(compgen -W "${ids}" -- "$cur") )
  elif [[ "$sub" == completion ]]; then
    COMPREPLY=( $(compgen -W "${SHELLS.join(' ')}" -- "$cur") )
  elif [[ "$sub" == view ]]; then
    COMPREPLY=( $(compgen -f -- "$cur") )
  fi
}`;
  if (shell === 'zsh')
    return `# ${COMMAND_NAME} completion for zsh\nautoload -U +X bashcompinit && bashcompinit\n${body}\ncomplete -o default -F ${fn} ${COMMAND_NAME}\n`;
  return `# ${COMMAND_NAME} completion for bash\n${body}\ncomplete -o default -F ${fn} ${COMMAND_NAME}\n`;
}

export function completionCommand(all: () => readonly CompletionCommand[]): Command {
  return {
    name: 'completion <shell>',
    describe: 'Print a shell completion script for bash, zsh or fish',
    options: [],
    examples: [
      ['claude-auth-doctor completion bash >> ~/.bashrc', 'Tab completion in bash'],
      ['claude-auth-doctor completion zsh >> ~/.zshrc', 'Tab completion in zsh'],
      [
        'claude-auth-doctor completion fish > ~/.config/fish/completions/claude-auth-doctor.fish',
        'Tab completion in fish',
      ],
    ],
    build: (yargs) =>
      yargs.positional('shell', { type: 'string', choices: SHELLS, describe: 'Your shell' }),
    async run(args, io) {
      io.stdout(completionScript(args.shell as Shell, all()));
      return 0;
    },
  };
}
