import type { Layout } from './harness.js';

// Startup layouts as people publish them (stow, dotbot, holman, oh-my-zsh, home-manager,
// chezmoi, Debian skeletons, devcontainers), cut down to the lines that matter. Each value is
// unique within its layout, so a traced command names its line. Conditions in these layouts are
// true on a test machine (the doctor does not evaluate conditions; a guarded line counts as run).

const lines = (...l: string[]) => `${l.join('\n')}\n`;

export const CORPUS: Layout[] = [
  // --- bash, interactive (Linux terminal emulators) ---
  {
    id: 'b-i-plain',
    shell: 'bash',
    mode: 'interactive',
    about: 'export in ~/.bashrc',
    files: { '.bashrc': lines('# ~/.bashrc', 'export ANTHROPIC_API_KEY=vplain1') },
  },
  {
    id: 'b-i-late-export',
    shell: 'bash',
    mode: 'interactive',
    about: 'assignment, exported later',
    files: {
      '.bashrc': lines('ANTHROPIC_API_KEY=vlate1', 'alias ll="ls -l"', 'export ANTHROPIC_API_KEY'),
    },
  },
  {
    id: 'b-i-guarded',
    shell: 'bash',
    mode: 'interactive',
    about: '[ -f X ] && . X',
    files: {
      '.bashrc': lines('[ -f ~/.bash_secrets ] && . ~/.bash_secrets', 'true'),
      '.bash_secrets': lines('export ANTHROPIC_API_KEY=vguard1'),
    },
  },
  {
    id: 'b-i-if-source',
    shell: 'bash',
    mode: 'interactive',
    about: 'if [ -r "$HOME/..." ]; then source ...; fi',
    files: {
      '.bashrc': lines(
        'if [ -r "$HOME/.config/claude.env" ]; then',
        '  source "$HOME/.config/claude.env"',
        'fi',
      ),
      '.config/claude.env': lines('export ANTHROPIC_BASE_URL=https://gw.example/vif1'),
    },
  },
  {
    id: 'b-i-glob-loop',
    shell: 'bash',
    mode: 'interactive',
    about: 'for f in ~/.bashrc.d/*.sh (Fedora-style drop-in directory)',
    files: {
      '.bashrc': lines(
        'if [ -d ~/.bashrc.d ]; then',
        '  for rc in ~/.bashrc.d/*.sh; do',
        '    if [ -f "$rc" ]; then',
        '      . "$rc"',
        '    fi',
        '  done',
        'fi',
        'unset rc',
      ),
      '.bashrc.d/10-path.sh': lines('export PATH="$HOME/bin:$PATH"'),
      '.bashrc.d/20-claude.sh': lines('export ANTHROPIC_API_KEY=vglob1'),
      '.bashrc.d/30-url.sh': lines('export ANTHROPIC_BASE_URL=vglob2'),
      '.bashrc.d/notes.txt': lines('export ANTHROPIC_AUTH_TOKEN=vglob3'),
    },
  },
  {
    id: 'b-i-var-path',
    shell: 'bash',
    mode: 'interactive',
    about: 'DOTFILES="$HOME/.dotfiles"; source "$DOTFILES/..."',
    files: {
      '.bashrc': lines('DOTFILES="$HOME/.dotfiles"', 'source "$DOTFILES/bash/exports.sh"'),
      '.dotfiles/bash/exports.sh': lines('export CLAUDE_CONFIG_DIR="$HOME/.claude-work"'),
    },
  },
  {
    id: 'b-i-array-loop',
    shell: 'bash',
    mode: 'interactive',
    about: 'an array of names joined to a directory',
    files: {
      '.bashrc': lines(
        'parts=(exports aliases secrets)',
        'for p in "${parts[@]}"; do',
        '  [ -r "$HOME/.bash/$p.sh" ] && source "$HOME/.bash/$p.sh"',
        'done',
      ),
      '.bash/exports.sh': lines('export DISABLE_AUTOUPDATER=1'),
      '.bash/secrets.sh': lines('export ANTHROPIC_API_KEY=varr1'),
    },
  },
  {
    id: 'b-i-stow-readlink',
    shell: 'bash',
    mode: 'interactive',
    about: 'stow symlink; script dir by readlink -f "${BASH_SOURCE[0]}"',
    files: {
      'dotfiles/bash/.bashrc': lines(
        'DIR="$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")"',
        'source "$DIR/secrets.sh"',
      ),
      'dotfiles/bash/secrets.sh': lines('export ANTHROPIC_API_KEY=vstow1'),
      '.bashrc': { link: 'dotfiles/bash/.bashrc' },
    },
  },
  {
    id: 'b-i-cd-pwd',
    shell: 'bash',
    mode: 'interactive',
    about: 'SCRIPT_DIR="$( cd -- "$( dirname -- "${BASH_SOURCE[0]}" )" &> /dev/null && pwd )"',
    files: {
      '.bashrc': lines('source ~/.shell/init.sh'),
      '.shell/init.sh': lines(
        'SCRIPT_DIR="$( cd -- "$( dirname -- "${BASH_SOURCE[0]}" )" &> /dev/null && pwd )"',
        '. "$SCRIPT_DIR/env.sh"',
      ),
      '.shell/env.sh': lines('export ANTHROPIC_AUTH_TOKEN=vcd1'),
    },
  },
  {
    id: 'b-i-bash-source-strip',
    shell: 'bash',
    mode: 'interactive',
    about: 'source "${BASH_SOURCE%/*}/..."',
    files: {
      '.bashrc': lines('source "${BASH_SOURCE%/*}/.bash_env"'),
      '.bash_env': lines('export CLAUDE_CODE_USE_BEDROCK=1'),
    },
  },
  {
    id: 'b-i-function-unused',
    shell: 'bash',
    mode: 'interactive',
    about: 'an assignment inside a function nobody calls',
    files: {
      '.bashrc': lines(
        'usework() {',
        '  export ANTHROPIC_API_KEY=vfn1',
        '}',
        'export CLAUDE_CONFIG_DIR=vfn2',
      ),
    },
  },
  {
    id: 'b-i-function-called',
    shell: 'bash',
    mode: 'interactive',
    about: 'a function called at start-up',
    files: {
      '.bashrc': lines(
        'load_env() {',
        '  local tmp=1',
        '  export ANTHROPIC_BASE_URL=vcall1',
        '}',
        'load_env',
      ),
    },
  },
  {
    id: 'b-i-source-helper',
    shell: 'bash',
    mode: 'interactive',
    about: 'source_if_exists() { [ -f "$1" ] && source "$1"; }',
    files: {
      '.bashrc': lines(
        'source_if_exists() { [ -f "$1" ] && source "$1"; }',
        'source_if_exists ~/.secrets',
        'source_if_exists ~/.missing',
      ),
      '.secrets': lines('export ANTHROPIC_API_KEY=vhelp1'),
    },
  },
  {
    id: 'b-i-wrapper-alias',
    shell: 'bash',
    mode: 'interactive',
    about: 'alias claude="X=v claude" sets nothing for the shell',
    files: {
      '.bashrc': lines(
        "alias claude='ANTHROPIC_API_KEY=vwrap1 claude'",
        'export CLAUDE_CODE_USE_VERTEX=1',
      ),
    },
  },
  {
    id: 'b-i-unset',
    shell: 'bash',
    mode: 'interactive',
    about: 'set, then unset later',
    files: {
      '.bashrc': lines('export ANTHROPIC_API_KEY=vunset1', 'source ~/.after'),
      '.after': lines('unset ANTHROPIC_API_KEY'),
    },
  },
  {
    id: 'b-i-case',
    shell: 'bash',
    mode: 'interactive',
    about: 'case "$-" in *i*) ... ;; esac',
    files: {
      '.bashrc': lines('case "$-" in', '  *i*) export ANTHROPIC_BASE_URL=vcase1 ;;', 'esac'),
    },
  },
  {
    id: 'b-i-brace',
    shell: 'bash',
    mode: 'interactive',
    about: 'for f in ~/.bash/{exports,secrets}.sh',
    files: {
      '.bashrc': lines('for f in ~/.bash/{exports,secrets}.sh; do source "$f"; done'),
      '.bash/exports.sh': lines('export NODE_EXTRA_CA_CERTS=/etc/ssl/vbrace1.pem'),
      '.bash/secrets.sh': lines('export ANTHROPIC_API_KEY=vbrace2'),
    },
  },
  {
    id: 'b-i-relative',
    shell: 'bash',
    mode: 'interactive',
    about: 'source .bash_local (relative to HOME, where terminals start)',
    files: {
      '.bashrc': lines('source .bash_local'),
      '.bash_local': lines('export HTTPS_PROXY=http://proxy.example:3128/vrel1'),
    },
  },
  {
    id: 'b-i-debian-skel',
    shell: 'bash',
    mode: 'interactive',
    about: 'Debian/Ubuntu skeleton .bashrc with ~/.bash_aliases (devcontainer images)',
    files: {
      '.bashrc': lines(
        '# ~/.bashrc: executed by bash(1) for non-login shells.',
        'case $- in',
        '    *i*) ;;',
        '      *) return;;',
        'esac',
        'HISTCONTROL=ignoreboth',
        'shopt -s histappend',
        '[ -x /usr/bin/lesspipe ] && eval "$(SHELL=/bin/sh lesspipe)"',
        'if [ -f ~/.bash_aliases ]; then',
        '    . ~/.bash_aliases',
        'fi',
      ),
      '.bash_aliases': lines("alias ll='ls -alF'", 'export ANTHROPIC_API_KEY=vskel1'),
    },
  },
  {
    id: 'b-i-exec-zsh',
    shell: 'bash',
    mode: 'interactive',
    about: '~/.bashrc execs zsh: the rest of .bashrc never runs',
    files: {
      '.bashrc': lines(
        'export DISABLE_UPDATES=1',
        'if [ -t 1 ] || true; then',
        '  exec zsh',
        'fi',
        'export ANTHROPIC_API_KEY=vexec9',
      ),
      '.zshrc': lines('export CLAUDE_CONFIG_DIR=vexec2'),
    },
  },
  {
    id: 'b-i-exec-fish',
    shell: 'bash',
    mode: 'interactive',
    about: '~/.bashrc execs fish',
    files: {
      '.bashrc': lines('exec fish'),
      '.config/fish/config.fish': lines('set -gx ANTHROPIC_BASE_URL vxf1'),
    },
  },
  // --- bash, login (macOS Terminal with bash, WSL, SSH) ---
  {
    id: 'b-l-profile-chain',
    shell: 'bash',
    mode: 'login',
    about: '.bash_profile sources .bashrc; .profile is not read',
    files: {
      '.bash_profile': lines('[[ -f ~/.bashrc ]] && source ~/.bashrc'),
      '.bashrc': lines('export ANTHROPIC_API_KEY=vlc1'),
      '.profile': lines('export ANTHROPIC_BASE_URL=vlc2'),
    },
  },
  {
    id: 'b-l-bash-login',
    shell: 'bash',
    mode: 'login',
    about: 'only .bash_login and .profile: .bash_login wins',
    files: {
      '.bash_login': lines('export ANTHROPIC_AUTH_TOKEN=vbl1'),
      '.profile': lines('export ANTHROPIC_API_KEY=vbl2'),
    },
  },
  {
    id: 'b-l-ubuntu-profile',
    shell: 'bash',
    mode: 'login',
    about: 'Ubuntu skeleton .profile sourcing .bashrc under if [ -n "$BASH_VERSION" ]',
    files: {
      '.profile': lines(
        'if [ -n "$BASH_VERSION" ]; then',
        '    if [ -f "$HOME/.bashrc" ]; then',
        '\t. "$HOME/.bashrc"',
        '    fi',
        'fi',
        'if [ -d "$HOME/bin" ] ; then',
        '    PATH="$HOME/bin:$PATH"',
        'fi',
        'export ANTHROPIC_API_KEY=vub1',
      ),
      '.bashrc': lines('export CLAUDE_CODE_OAUTH_TOKEN=vub2'),
    },
  },
  {
    id: 'b-l-exec-zsh-login',
    shell: 'bash',
    mode: 'login',
    about: '.bash_profile: exec zsh -l',
    files: {
      '.bash_profile': lines(
        'export PATH="$HOME/bin:$PATH"',
        'export ANTHROPIC_BASE_URL=vez1',
        'exec zsh -l',
      ),
      '.zprofile': lines('export ANTHROPIC_API_KEY=vez2'),
      '.zshrc': lines('export CLAUDE_CONFIG_DIR=vez3'),
    },
  },
  {
    id: 'b-l-xdg',
    shell: 'bash',
    mode: 'login',
    about: 'source "${XDG_CONFIG_HOME:-$HOME/.config}/bash/env"',
    files: {
      '.bash_profile': lines('source "${XDG_CONFIG_HOME:-$HOME/.config}/bash/env"'),
      '.config/bash/env': lines('export DISABLE_AUTOUPDATER=vxdg1'),
    },
  },
  // --- zsh, interactive ---
  {
    id: 'z-i-plain',
    shell: 'zsh',
    mode: 'interactive',
    about: 'export in ~/.zshrc; ~/.zprofile is not read',
    files: {
      '.zshrc': lines('export ANTHROPIC_API_KEY=vzp1'),
      '.zprofile': lines('export ANTHROPIC_BASE_URL=vzp2'),
    },
  },
  {
    id: 'z-i-zdotdir-zshenv',
    shell: 'zsh',
    mode: 'interactive',
    about: 'ZDOTDIR exported in ~/.zshenv moves only the later files',
    files: {
      '.zshenv': lines('export ZDOTDIR="$HOME/.config/zsh"', 'export DISABLE_AUTOUPDATER=1'),
      '.config/zsh/.zshrc': lines('export ANTHROPIC_API_KEY=vzd1'),
      '.zshrc': lines('export ANTHROPIC_BASE_URL=vzd2'),
    },
  },
  {
    id: 'z-i-glob-qualifier',
    shell: 'zsh',
    mode: 'interactive',
    about: 'for f in ~/.zshrc.d/*.zsh(N.)',
    files: {
      '.zshrc': lines('for f in ~/.zshrc.d/*.zsh(N.); do', '  source $f', 'done'),
      '.zshrc.d/aliases.zsh': lines('alias g=git'),
      '.zshrc.d/claude.zsh': lines('export ANTHROPIC_API_KEY=vzq1'),
      '.zshrc.d/proxy.zsh': lines('export HTTPS_PROXY=vzq2'),
    },
  },
  {
    id: 'z-i-short-for',
    shell: 'zsh',
    mode: 'interactive',
    about: 'for f (~/.zsh/*.zsh) source $f',
    files: {
      '.zshrc': lines('for f (~/.zsh/*.zsh) source $f'),
      '.zsh/env.zsh': lines('export ANTHROPIC_AUTH_TOKEN=vzs1'),
    },
  },
  {
    id: 'z-i-percent-x',
    shell: 'zsh',
    mode: 'interactive',
    about: 'stow: source ${${(%):-%x}:A:h}/... resolves the symlink',
    files: {
      'dotfiles/zsh/.zshrc': lines('source ${${(%):-%x}:A:h}/secrets.zsh'),
      'dotfiles/zsh/secrets.zsh': lines('export ANTHROPIC_API_KEY=vpx1'),
      '.zshrc': { link: 'dotfiles/zsh/.zshrc' },
    },
  },
  {
    id: 'z-i-zero-A-h',
    shell: 'zsh',
    mode: 'interactive',
    about: '${0:A:h} in a sourced file is that file; in .zshrc it is the start directory',
    files: {
      '.zshrc': lines('source ~/.zsh/init.zsh', 'source ${0:A:h}/.zsh_local'),
      '.zsh/init.zsh': lines('source ${0:A:h}/keys.zsh'),
      '.zsh/keys.zsh': lines('export ANTHROPIC_AUTH_TOKEN=vza1'),
      '.zsh_local': lines('export CLAUDE_CONFIG_DIR=vza2'),
    },
  },
  {
    id: 'z-i-holman',
    shell: 'zsh',
    mode: 'interactive',
    about: 'holman/dotfiles: config_files=($ZSH/**/*.zsh), path files first, then the rest',
    files: {
      '.zshrc': lines(
        'export ZSH=$HOME/.dotfiles',
        'typeset -U config_files',
        'config_files=($ZSH/**/*.zsh)',
        'for file in ${(M)config_files:#*/path.zsh}',
        'do',
        '  source $file',
        'done',
        'for file in ${${config_files:#*/path.zsh}:#*/completion.zsh}',
        'do',
        '  source $file',
        'done',
        'unset config_files',
      ),
      '.dotfiles/system/path.zsh': lines('export ANTHROPIC_BASE_URL=vho1'),
      '.dotfiles/claude/env.zsh': lines('export ANTHROPIC_API_KEY=vho2'),
      '.dotfiles/claude/completion.zsh': lines('export ANTHROPIC_AUTH_TOKEN=vho3'),
    },
  },
  {
    id: 'z-i-array-plugins',
    shell: 'zsh',
    mode: 'interactive',
    about: 'plugins=(git secrets); for p in $plugins; source ~/.zsh/plugins/$p.zsh',
    files: {
      '.zshrc': lines(
        'plugins=(git secrets)',
        'for p in $plugins; do',
        '  source ~/.zsh/plugins/$p.zsh',
        'done',
      ),
      '.zsh/plugins/git.zsh': lines('alias gs="git status"'),
      '.zsh/plugins/secrets.zsh': lines('export CLAUDE_CODE_OAUTH_TOKEN=vzap1'),
    },
  },
  {
    id: 'z-i-anonymous-fn',
    shell: 'zsh',
    mode: 'interactive',
    about: 'an anonymous function runs at once',
    files: {
      '.zshrc': lines('() {', '  local f', '  for f in ~/.zsh/conf/*.zsh; do source $f; done', '}'),
      '.zsh/conf/env.zsh': lines('export ANTHROPIC_BASE_URL=vzan1'),
    },
  },
  {
    id: 'z-i-wrapper-fn',
    shell: 'zsh',
    mode: 'interactive',
    about: 'claude() { X=v command claude "$@" } sets nothing for the shell',
    files: {
      '.zshrc': lines(
        'claude() {',
        '  ANTHROPIC_BASE_URL=http://gw.example command claude "$@"',
        '}',
        'export ANTHROPIC_API_KEY=vzw1',
      ),
    },
  },
  {
    id: 'z-i-guarded',
    shell: 'zsh',
    mode: 'interactive',
    about: '[[ -f ~/.zsh_secrets ]] && source ~/.zsh_secrets',
    files: {
      '.zshrc': lines('[[ -f ~/.zsh_secrets ]] && source ~/.zsh_secrets'),
      '.zsh_secrets': lines('export ANTHROPIC_API_KEY=vzg1'),
    },
  },
  {
    id: 'z-i-oh-my-zsh',
    shell: 'zsh',
    mode: 'interactive',
    about: 'oh-my-zsh: ZSH_CUSTOM/*.zsh(N) loaded by oh-my-zsh.sh',
    files: {
      '.zshrc': lines('export ZSH="$HOME/.oh-my-zsh"', 'source $ZSH/oh-my-zsh.sh'),
      '.oh-my-zsh/oh-my-zsh.sh': lines(
        'ZSH_CUSTOM="${ZSH_CUSTOM:-$ZSH/custom}"',
        'for config_file ("$ZSH_CUSTOM"/*.zsh(N)); do',
        '  source "$config_file"',
        'done',
        'unset config_file',
      ),
      '.oh-my-zsh/custom/claude.zsh': lines('export ANTHROPIC_API_KEY=vomz1'),
    },
  },
  {
    id: 'z-i-chezmoi-brace',
    shell: 'zsh',
    mode: 'interactive',
    about: 'chezmoi-managed ~/.config/zsh/{exports,secrets}.zsh',
    files: {
      '.zshrc': lines(
        'for file in $HOME/.config/zsh/{exports,secrets}.zsh; do',
        '  [ -r "$file" ] && source "$file"',
        'done',
      ),
      '.config/zsh/exports.zsh': lines('export CLAUDE_CONFIG_DIR=$HOME/vcz1'),
      '.config/zsh/secrets.zsh': lines('export ANTHROPIC_API_KEY=vcz2'),
    },
  },
  {
    id: 'z-i-dotbot',
    shell: 'zsh',
    mode: 'interactive',
    about: 'dotbot symlink; DOTFILES="${${(%):-%x}:A:h:h}"',
    files: {
      '.dotfiles/zsh/zshrc': lines(
        'DOTFILES="${${(%):-%x}:A:h:h}"',
        'source $DOTFILES/shell/secrets.sh',
      ),
      '.dotfiles/shell/secrets.sh': lines('export ANTHROPIC_API_KEY=vdb1'),
      '.zshrc': { link: '.dotfiles/zsh/zshrc' },
    },
  },
  {
    id: 'z-i-home-manager',
    shell: 'zsh',
    mode: 'interactive',
    about: 'home-manager: ~/.zshenv sources hm-session-vars.sh once',
    files: {
      '.zshenv': lines(
        '# Generated by home-manager',
        'if [[ -z "$__HM_ZSH_SESS_VARS_SOURCED" ]]; then',
        '  export __HM_ZSH_SESS_VARS_SOURCED=1',
        '  . "$HOME/.nix-profile/etc/profile.d/hm-session-vars.sh"',
        'fi',
      ),
      '.nix-profile/etc/profile.d/hm-session-vars.sh': lines(
        '# Only source this once.',
        'if [ -n "$__HM_SESS_VARS_SOURCED" ]; then return; fi',
        'export __HM_SESS_VARS_SOURCED=1',
        'export ANTHROPIC_BASE_URL="https://gw.example/vhm1"',
      ),
    },
  },
  // --- zsh, login (macOS Terminal and iTerm2) ---
  {
    id: 'z-l-all-four',
    shell: 'zsh',
    mode: 'login',
    about: '.zshenv, .zprofile, .zshrc, .zlogin all read, in that order',
    files: {
      '.zshenv': lines('export DISABLE_UPDATES=vz41'),
      '.zprofile': lines('export ANTHROPIC_API_KEY=vz42'),
      '.zshrc': lines('export CLAUDE_CONFIG_DIR=vz43'),
      '.zlogin': lines('export ANTHROPIC_API_KEY=vz44'),
    },
  },
  {
    id: 'z-l-zdotdir-zprofile',
    shell: 'zsh',
    mode: 'login',
    about: 'ZDOTDIR set in ~/.zprofile moves .zshrc and .zlogin',
    files: {
      '.zprofile': lines('export ZDOTDIR=$HOME/.zsh', 'export ANTHROPIC_AUTH_TOKEN=vzz1'),
      '.zsh/.zshrc': lines('export ANTHROPIC_API_KEY=vzz2'),
      '.zsh/.zlogin': lines('export ANTHROPIC_BASE_URL=vzz3'),
      '.zshrc': lines('export CLAUDE_CODE_USE_BEDROCK=vzz4'),
    },
  },
  {
    id: 'z-l-macos-brew',
    shell: 'zsh',
    mode: 'login',
    about: 'macOS .zprofile: brew shellenv (run-time), guarded source with || :',
    files: {
      '.zprofile': lines(
        'eval "$(/opt/homebrew/bin/brew shellenv 2>/dev/null)"',
        'source ~/.orbstack/shell/init.zsh 2>/dev/null || :',
        'export ANTHROPIC_API_KEY=vmb1',
      ),
    },
  },
  // --- fish ---
  {
    id: 'f-i-config',
    shell: 'fish',
    mode: 'interactive',
    about: 'set -gx in config.fish',
    files: { '.config/fish/config.fish': lines('set -gx ANTHROPIC_API_KEY vfc1') },
  },
  {
    id: 'f-i-confd',
    shell: 'fish',
    mode: 'interactive',
    about: 'conf.d snippets run before config.fish',
    files: {
      '.config/fish/conf.d/10-path.fish': lines('fish_add_path -g ~/bin'),
      '.config/fish/conf.d/claude.fish': lines('set -gx ANTHROPIC_BASE_URL vfd1'),
      '.config/fish/config.fish': lines(
        'if status is-interactive',
        '    set -gx ANTHROPIC_BASE_URL vfd2',
        'end',
      ),
    },
  },
  {
    id: 'f-i-source-loop',
    shell: 'fish',
    mode: 'interactive',
    about: 'for f in ~/.config/fish/local/*.fish; source $f; end',
    files: {
      '.config/fish/config.fish': lines(
        'for f in ~/.config/fish/local/*.fish',
        '    source $f',
        'end',
      ),
      '.config/fish/local/keys.fish': lines('set -x ANTHROPIC_AUTH_TOKEN vfl1'),
    },
  },
  {
    id: 'f-i-status-dirname',
    shell: 'fish',
    mode: 'interactive',
    about: 'source (status dirname)/../secrets.fish',
    files: {
      '.config/fish/conf.d/secrets.fish': lines('source (status dirname)/../secrets.fish'),
      '.config/fish/secrets.fish': lines('set -gx ANTHROPIC_API_KEY vfs1'),
    },
  },
  {
    id: 'f-i-and-guard',
    shell: 'fish',
    mode: 'interactive',
    about: 'test -f X; and source X',
    files: {
      '.config/fish/config.fish': lines(
        'test -f ~/.config/fish/work.fish; and source ~/.config/fish/work.fish',
      ),
      '.config/fish/work.fish': lines('set -gx CLAUDE_CODE_USE_VERTEX vfa1'),
    },
  },
  {
    id: 'f-i-function-wrapper',
    shell: 'fish',
    mode: 'interactive',
    about: 'function claude; env X=v command claude $argv; end sets nothing',
    files: {
      '.config/fish/config.fish': lines(
        'function claude --wraps claude',
        '    env ANTHROPIC_API_KEY=vfw9 command claude $argv',
        'end',
        'set -gx CLAUDE_CONFIG_DIR vfw1',
      ),
    },
  },
  {
    id: 'f-l-login',
    shell: 'fish',
    mode: 'login',
    about: 'if status is-login',
    files: {
      '.config/fish/config.fish': lines(
        'if status is-login',
        '    set -gx ANTHROPIC_API_KEY vfg1',
        'end',
      ),
    },
  },
  {
    id: 'f-l-confd-order',
    shell: 'fish',
    mode: 'login',
    about: 'conf.d in name order, config.fish last',
    files: {
      '.config/fish/conf.d/a.fish': lines('set -gx ANTHROPIC_API_KEY vfo1'),
      '.config/fish/conf.d/b.fish': lines('set -gx ANTHROPIC_API_KEY vfo2'),
      '.config/fish/config.fish': lines('set -gx ANTHROPIC_BASE_URL vfo3'),
    },
  },
  // --- tcsh ---
  {
    id: 't-i-tcshrc',
    shell: 'tcsh',
    mode: 'interactive',
    about: '~/.tcshrc wins over ~/.cshrc',
    files: {
      '.tcshrc': lines('setenv ANTHROPIC_API_KEY vt1'),
      '.cshrc': lines('setenv ANTHROPIC_BASE_URL vt2'),
    },
  },
  {
    id: 't-l-login',
    shell: 'tcsh',
    mode: 'login',
    about: '~/.cshrc then ~/.login',
    files: {
      '.cshrc': lines('setenv ANTHROPIC_BASE_URL vtl1'),
      '.login': lines('setenv ANTHROPIC_API_KEY vtl2'),
    },
  },
  {
    id: 't-i-if-source',
    shell: 'tcsh',
    mode: 'interactive',
    about: 'if ( -f ~/.tcsh_secrets ) source ~/.tcsh_secrets',
    files: {
      '.tcshrc': lines('if ( -f ~/.tcsh_secrets ) source ~/.tcsh_secrets'),
      '.tcsh_secrets': lines('setenv ANTHROPIC_AUTH_TOKEN vti1'),
    },
  },
  {
    id: 't-i-foreach',
    shell: 'tcsh',
    mode: 'interactive',
    about: 'foreach f ( ~/.tcshrc.d/*.csh )',
    files: {
      '.tcshrc': lines('foreach f ( ~/.tcshrc.d/*.csh )', '  source $f', 'end'),
      '.tcshrc.d/claude.csh': lines('setenv ANTHROPIC_API_KEY vtf1'),
    },
  },
];
