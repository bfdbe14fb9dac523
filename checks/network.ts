// Much "login trouble" is the network: a corporate proxy, TLS interception without the company
// CA, DNS (issue 10). Claude Code honours HTTPS_PROXY / NO_PROXY and NODE_EXTRA_CA_CERTS
// (https://code.claude.com/docs/en/network-config); the probe takes the same route.
import { defineCheck } from '../src/check.js';
import { fixesFor, hostList, type Probed } from '../src/network-advice.js';
import {
  CONNECT_CAUSES,
  hookUrls,
  networkSetup,
  networkTargets,
  outcomeOf,
  probe,
  roleLabel,
  routeText,
} from '../src/sources/network.js';
import type { Evidence } from '../src/types.js';

export default defineCheck({
  id: 'network',
  title: 'Network path to Anthropic',
  description:
    "DNS, TCP, TLS and one HEAD request to the API host (or ANTHROPIC_BASE_URL's), claude.ai and platform.claude.com, through the proxy and CA certificates Claude Code would use.",
  explain: {
    why: 'A corporate proxy, TLS interception without the company CA certificate, or a blocked host looks like a login problem in Claude Code ("Unable to connect", "self-signed certificate in certificate chain", a sign-in page that never loads).',
    docs: 'https://code.claude.com/docs/en/network-config',
    messages: ['self-signed-certificate', 'unable-to-get-local-issuer'],
  },
  outcomes: {
    offline: { status: 'skip', summary: 'Not tested: --offline.' },
    reachable: {
      status: 'pass',
      summary: 'All {count} hosts Claude Code needs answered ({hosts}).',
    },
    'no-network': {
      status: 'warn',
      summary:
        'No network: none of the {count} hosts Claude Code needs could be reached ({reasons}).',
      fix: 'Connect to the network (or VPN) and run the doctor again. If your network reaches the internet only through a proxy, set HTTPS_PROXY to it.',
    },
    // Issue 19: "no network" while the registry answered in the same run is wrong; the network
    // works and these hosts are filtered (DNS, firewall, VPN).
    'hosts-blocked': {
      status: 'fail',
      summary:
        'The network works ({others} answered in this run), but Claude Code cannot reach {hosts}: {reasons}.',
      fix: 'Something filters {hosts} (DNS filtering, a firewall or a VPN): ask IT to allow them, or set HTTPS_PROXY if your network reaches the internet only through a proxy.',
      plan: ['fix-network', 'verify'],
    },
    unreachable: {
      status: 'warn',
      summary: 'Could not reach {hosts}: {reason}.',
      fix: 'Run the doctor again; if it persists, show the evidence to your IT team.',
    },
    'server-error': {
      status: 'warn',
      summary: "{hosts} answered with a server error; the trouble is on the server's side.",
      fix: 'Wait a few minutes and run the doctor again; see https://status.anthropic.com.',
    },
    blocked: {
      status: 'fail',
      summary: 'Claude Code cannot reach {hosts}: {reason}{more}.',
      when: 'The proxy cannot be reached, demands authentication (407) or refuses the tunnel; a certificate is not trusted (TLS interception), has expired or is for another host; or a firewall blocks some hosts.',
      // One sentence per cause (src/network-advice.ts): the proxy, the CA file, the hosts to allow.
      fix: '{fixes}',
      plan: ['fix-network', 'verify'],
    },
  },
  async run(ctx) {
    if (ctx.options.offline) return { outcome: 'offline' };
    const [targets, setup] = await Promise.all([networkTargets(ctx), networkSetup(ctx)]);
    const probed: Probed[] = await Promise.all(
      targets.map(async (target) => {
        const { route, result } = await probe(ctx, target.url, { method: 'HEAD' });
        return { target, route, outcome: outcomeOf(result, target.url.hostname) };
      }),
    );

    const evidence: Evidence[] = [
      ...probed.map(({ target, route, outcome }) => ({
        source: `url:${target.url.protocol}//${target.url.host}/`,
        detail: `${roleLabel(target.role)} host ${target.url.host}${target.source ? ` (from ${target.source})` : ''}, ${routeText(route)}: ${outcome.text}${outcome.issuer ? ` (certificate issued by ${outcome.issuer})` : ''}`,
      })),
      // The CA file explains a TLS outcome; beside a DNS or connection failure it misleads.
      ...setup.evidence.filter(
        (e) =>
          !e.detail.startsWith('NODE_EXTRA_CA_CERTS') ||
          probed.every((p) => p.outcome.cause === 'ok') ||
          probed.some((p) => p.outcome.cause.startsWith('tls')),
      ),
    ];
    const failed = probed.filter((p) => p.outcome.cause !== 'ok');
    if (failed.length === 0)
      return {
        outcome: 'reachable',
        values: { count: probed.length, hosts: hostList(probed) },
        evidence,
      };

    const working = probed.filter(
      (p) => p.outcome.cause === 'ok' || p.outcome.cause === 'http-error',
    );
    if (
      working.length === 0 &&
      failed.every((p) => CONNECT_CAUSES.has(p.outcome.cause) && !p.route.proxy)
    ) {
      const reasons = [...new Set(failed.map((p) => p.outcome.text.replace(/: .*/, '')))].join(
        ', ',
      );
      const probedHosts = new Set(probed.map((p) => p.target.url.host));
      // A server on this machine (a local registry mirror) proves nothing about the network,
      // unless the test hook names it as standing in for a remote host.
      const standIns = new Set([...hookUrls(ctx).values()].map((url) => url.host));
      const others = (await ctx.answeredHosts()).filter(
        (host) => !probedHosts.has(host) && (!isLoopback(host) || standIns.has(host)),
      );
      if (others.length) {
        const hosts = hostList(failed);
        const text = `${hosts} cannot be reached (${reasons}) while ${others.join(', ')} can`;
        return {
          outcome: 'hosts-blocked',
          values: { others: others.join(', '), hosts, reasons },
          evidence,
          plan: [{ step: 'fix-network', locations: [{ kind: 'by-hand', text }] }],
        };
      }
      return { outcome: 'no-network', values: { count: probed.length, reasons }, evidence };
    }

    const fixes = fixesFor(probed, setup.extraCaFile);
    const broken = failed.filter((p) => p.outcome.cause !== 'http-error');
    const values = { hosts: hostList(broken), reason: broken[0]?.outcome.text ?? '' };
    if (fixes.length === 0 && broken.length) return { outcome: 'unreachable', values, evidence };
    if (fixes.length === 0)
      return { outcome: 'server-error', values: { hosts: hostList(failed) }, evidence };
    return {
      outcome: 'blocked',
      values: { ...values, more: broken.length > 1 ? ' (and more, see the evidence)' : '', fixes },
      evidence,
      plan: [{ step: 'fix-network', locations: fixes.map((text) => ({ kind: 'by-hand', text })) }],
    };
  },
});

function isLoopback(host: string): boolean {
  const name = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  return name === 'localhost' || name === '::1' || /^127\./.test(name);
}
