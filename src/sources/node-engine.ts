import path from 'node:path';
import semver from '../semver.js';
import type { Context } from '../context.js';
import { npmPackageDir, type ClaudeInstall } from './claude-install.js';
import { isObject, isString, readJsonFile } from './json-file.js';
import { npmSetting, type NpmSetting } from './npm-config.js';
import { displayUrl } from '../net/proxy.js';
import type { Evidence } from '../types.js';
import {
  channelTarget,
  nodeEngineOf,
  registrySource,
  type ChannelTarget,
  type Lookup,
} from './registry.js';

// From 2.1.198 on Claude Code declares engines.node >=22; on an older Node a plain
// `npm install -g @anthropic-ai/claude-code` quietly picks 2.1.197, while `@latest` or
// `claude update` install the newest with an EBADENGINE warning (facts file, section 1).

export interface EngineVerdict {
  target: ChannelTarget;
  /** engines.node of the channel's version; null when it declares none. */
  engine: string | null;
  fits: boolean;
  /** engines.node of the installed package, read from its package.json on disk. */
  installedEngine: string | null;
  /** npm's engine-strict, which turns the EBADENGINE warning into a refusal. */
  engineStrict: NpmSetting | null;
}

export function isNpmInstall(install: ClaudeInstall): boolean {
  return install.method === 'npm-global' || install.method === 'npm-local';
}

export function engineVerdict(
  ctx: Context,
  install: ClaudeInstall,
): Promise<Lookup<EngineVerdict>> {
  return ctx.memo(`engine-verdict:${install.path}`, async () => {
    const target = await channelTarget(ctx);
    if (!target.ok) return target;
    const [engine, strict, installedEngine] = await Promise.all([
      nodeEngineOf(ctx, target.value.version),
      npmSetting(ctx, 'engine-strict'),
      installedEngineOf(ctx, install),
    ]);
    if (!engine.ok) return engine;
    // A range semver cannot read is no evidence against this Node.
    const fits =
      engine.value === null ||
      semver.validRange(engine.value) === null ||
      semver.satisfies(ctx.nodeVersion, engine.value, { includePrerelease: true });
    return {
      ok: true,
      value: {
        target: target.value,
        engine: engine.value,
        fits,
        installedEngine,
        engineStrict: strict?.value === 'true' ? strict : null,
      },
    };
  });
}

async function installedEngineOf(ctx: Context, install: ClaudeInstall): Promise<string | null> {
  const dir = npmPackageDir(install.realPath);
  if (!dir) return null;
  const json = await readJsonFile(ctx, path.join(dir, 'package.json'));
  const engines = json.data.engines;
  return isObject(engines) && isString(engines.node) ? engines.node : null;
}

/** The ways out when the newest version asks for a newer Node than this one. */
export const ENGINE_WAYS_OUT = [
  'Ways out: {latestWay}, which installs it with only an EBADENGINE warning; it runs, being a native binary.',
  'Or move to the native installer (https://code.claude.com/docs/en/setup), which does not depend on Node, or use Node 22 or newer.',
];

/** The `{latestWay}` of ENGINE_WAYS_OUT: how to install the newest version on this Node. */
export function latestWay(verdict: EngineVerdict): string {
  return verdict.engineStrict
    ? `\`npm install -g --engine-strict=false @anthropic-ai/claude-code@latest\` (engine-strict is on in ${verdict.engineStrict.source}, so npm refuses it otherwise)`
    : '`npm install -g @anthropic-ai/claude-code@latest` or `claude update`';
}

/** The update command for an npm install when the newest version does not fit this Node. */
export function engineAwareUpdate(verdict: EngineVerdict, install: ClaudeInstall): string {
  if (install.method !== 'npm-global') return 'claude update';
  return verdict.engineStrict
    ? 'npm install -g --engine-strict=false @anthropic-ai/claude-code@latest'
    : 'npm install -g @anthropic-ai/claude-code@latest';
}

/** The registry's answer and the engines.node ranges against this Node, as evidence. */
export function engineEvidence(
  ctx: Context,
  install: ClaudeInstall,
  verdict: EngineVerdict,
): Evidence[] {
  const { target, installedEngine, engineStrict } = verdict;
  const evidence: Evidence[] = [registrySource(ctx, target), engineRangeEvidence(ctx, verdict)];
  if (installedEngine)
    evidence.push({
      source: `file:${ctx.display(install.realPath)}`,
      detail: `the installed ${install.version} declares engines.node "${installedEngine}"`,
    });
  const current = install.version !== null && semver.gte(install.version, target.version);
  if (engineStrict && !verdict.fits && !current)
    evidence.push({ source: engineStrict.source, detail: 'engine-strict is true' });
  return evidence;
}

/** Why npm left this install on an older version than the newest. */
export function engineCause(verdict: EngineVerdict, install: ClaudeInstall): string {
  const strict = verdict.engineStrict;
  return strict
    ? `npm's engine-strict (${strict.source}) refuses versions whose engines.node does not fit, so npm cannot install ${verdict.target.version} here`
    : `a plain \`npm install -g @anthropic-ai/claude-code\` picks the newest version this Node accepts, which is why you have ${install.version}`;
}

/** For an install npm held back: why, how to get the newest anyway, and the update command. */
export function heldBack(
  verdict: EngineVerdict,
  install: ClaudeInstall,
): { cause: string; latestWay: string; command: string } {
  return {
    cause: engineCause(verdict, install),
    latestWay: latestWay(verdict),
    command: engineAwareUpdate(verdict, install),
  };
}

/** The newest version's engines.node against the Node running here. */
export function engineRangeEvidence(ctx: Context, { target, engine }: EngineVerdict): Evidence {
  return {
    source: `url:${displayUrl(target.registry.url)}`,
    detail: `${target.version} declares engines.node ${engine === null ? '(none)' : `"${engine}"`}; this machine runs Node ${ctx.nodeVersion}`,
  };
}
