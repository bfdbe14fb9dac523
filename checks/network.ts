// Much "login trouble" is the network: a corporate proxy, TLS interception without the company
// CA, DNS (issue 10). Claude Code honours HTTPS_PROXY / NO_PROXY and NODE_EXTRA_CA_CERTS
// (https://code.claude.com/docs/en/network-config); the probe takes the same route.
import { defineCheck } from '../src/check.js';
import { maskedUrl } from '../src/net/proxy.js';
import {
  CONNECT_CAUSES,
  networkSetup,
  networkTargets,
  outcomeOf,
  probe,
  roleLabel,
  routeText,
  type Outcome,
  type Route,
  type Target,
} from '../src/sources/network.js';
import type { Evidence } from '../src/types.js';

interface Probed {
  target: Target;
  route: Route;
  outcome: Outcome;
}

export default defineCheck({
  id: 'network',
  title: 'Network path to Anthropic',
  description:
    "DNS, TCP, TLS and one HEAD request to the API host (or ANTHROPIC_BASE_URL's), claude.ai and platform.claude.com, through the proxy and CA certificates Claude Code would use.",
  explain: {
    why: 'A corporate proxy, TLS interception without the company CA certificate, or a blocked host looks like a login problem in Claude Code ("Unable to connect", "self-signed certificate in certificate chain", a sign-in page that never loads).',
    docs: 'https://code.claude.com/docs/en/network-config',
    outcomes: [
      {
        status: 'pass',
        when: 'Every host answered over HTTP(S), directly or through your proxy, with a certificate this Node trusts.',
      },
      {
        status: 'warn',
        when: 'No network: every host failed DNS or the connection (offline, captive portal, VPN down).',
        fix: 'Connect to the network (or VPN) and run the doctor again; if your network needs a proxy, set HTTPS_PROXY.',
      },
      {
        status: 'warn',
        when: 'A host answered with a server error (HTTP 5xx): trouble on its side, not yours.',
        fix: 'Wait and retry; see https://status.anthropic.com.',
      },
      {
        status: 'fail',
        when: 'The proxy cannot be reached, demands authentication (407) or refuses the tunnel.',
        fix: 'Correct HTTPS_PROXY (user and password in its URL for a proxy that needs them), or ask IT to allow the hosts.',
      },
      {
        status: 'fail',
        when: 'A certificate is not trusted (TLS interception by a company proxy), has expired or is for another host.',
        fix: 'Get the company CA certificate (PEM) from IT and set NODE_EXTRA_CA_CERTS to that file; show IT the issuer the evidence names.',
      },
      {
        status: 'fail',
        when: 'Some hosts cannot be reached while others can: a firewall or proxy blocks them.',
        fix: 'Ask IT to allow the blocked hosts (the evidence names them), or set HTTPS_PROXY if your network needs a proxy.',
      },
      {
        status: 'skip',
        when: '`--offline`: nothing was sent.',
        fix: 'Run the doctor without `--offline`.',
      },
    ],
    messages: ['self-signed-certificate', 'unable-to-get-local-issuer'],
  },
  async run(ctx) {
    if (ctx.options.offline) return { status: 'skip', summary: 'Not tested: --offline.' };
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
      ...setup.evidence,
    ];
    const failed = probed.filter((p) => p.outcome.cause !== 'ok');
    if (failed.length === 0)
      return {
        status: 'pass',
        summary: `All ${probed.length} hosts Claude Code needs answered (${hostList(probed)}).`,
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
      return {
        status: 'warn',
        summary: `No network: none of the ${probed.length} hosts Claude Code needs could be reached (${reasons}).`,
        evidence,
        fix: [
          'Connect to the network (or VPN) and run the doctor again. If your network reaches the internet only through a proxy, set HTTPS_PROXY to it.',
        ],
      };
    }

    const fixes = fixesFor(probed, setup.extraCaFile);
    const broken = failed.filter((p) => p.outcome.cause !== 'http-error');
    if (fixes.length === 0 && broken.length) {
      return {
        status: 'warn',
        summary: `Could not reach ${hostList(broken)}: ${broken[0]!.outcome.text}.`,
        evidence,
        fix: ['Run the doctor again; if it persists, show the evidence to your IT team.'],
      };
    }
    if (fixes.length === 0) {
      return {
        status: 'warn',
        summary: `${hostList(failed)} answered with a server error; the trouble is on the server's side.`,
        evidence,
        fix: ['Wait a few minutes and run the doctor again; see https://status.anthropic.com.'],
      };
    }
    return {
      status: 'fail',
      summary: `Claude Code cannot reach ${hostList(broken)}: ${broken[0]!.outcome.text}${broken.length > 1 ? ' (and more, see the evidence)' : ''}.`,
      evidence,
      fix: fixes,
      plan: [{ step: 'fix-network', details: fixes }, { step: 'verify' }],
    };
  },
});

function hostList(probed: Probed[]): string {
  return [...new Set(probed.map((p) => p.target.url.host))].join(', ');
}

/** One sentence per cause, naming the hosts it hit; none for failures nobody here can fix. */
function fixesFor(probed: Probed[], extraCaFile: string | undefined): string[] {
  const fixes: string[] = [];
  const hit = (causes: string[]) => probed.filter((p) => causes.includes(p.outcome.cause));
  const hosts = hostList;
  const proxyOf = (list: Probed[]) => {
    const route = list[0]!.route;
    return route.proxy
      ? `${maskedUrl(route.proxy)} (${route.proxyName}, from ${route.proxySource})`
      : 'the proxy';
  };

  const unreachable = hit(['proxy-unreachable']);
  if (unreachable.length)
    fixes.push(
      `The proxy ${proxyOf(unreachable)} cannot be reached: correct or remove that variable, or connect to the network (VPN) where the proxy lives.`,
    );
  const auth = hit(['proxy-auth']);
  if (auth.length)
    fixes.push(
      `The proxy ${proxyOf(auth)} requires authentication (HTTP 407): put the user name and password in its URL (http://user:password@host:port, special characters URL-encoded), or ask IT which proxy to use without a login.`,
    );
  const refused = hit(['proxy-refused']);
  if (refused.length)
    fixes.push(
      `The proxy ${proxyOf(refused)} refuses tunnels to ${hosts(refused)}: ask IT to allow ${hosts(refused)}.`,
    );

  const untrusted = hit(['tls-untrusted']);
  if (untrusted.length) {
    const issuers = [...new Set(untrusted.map((p) => p.outcome.issuer ?? 'an unknown issuer'))]
      .map((i) => `"${i}"`)
      .join(', ');
    fixes.push(
      extraCaFile
        ? `The certificate for ${hosts(untrusted)} was issued by ${issuers}, which the CA file in NODE_EXTRA_CA_CERTS (${extraCaFile}) does not cover: ask IT for the CA certificate that issued it and point NODE_EXTRA_CA_CERTS at that file.`
        : `Something intercepts TLS to ${hosts(untrusted)} (a company proxy or security software): its certificate was issued by ${issuers}, which Node does not trust. Get your company's CA certificate (PEM) from IT, add \`export NODE_EXTRA_CA_CERTS=/path/to/company-ca.pem\` to your shell startup file, and open a new terminal.`,
    );
  }
  const invalid = hit(['tls-invalid']);
  if (invalid.length)
    fixes.push(
      `The certificate for ${hosts(invalid)} has expired or is for another host${invalid[0]!.outcome.issuer ? ` (issued by "${invalid[0]!.outcome.issuer}")` : ''}: something between you and Anthropic answers in its place; show IT this issuer.`,
    );

  const blocked = hit([...CONNECT_CAUSES, 'other']);
  const working = probed.filter(
    (p) => p.outcome.cause === 'ok' || p.outcome.cause === 'http-error',
  );
  if (blocked.length && (working.length || fixes.length || blocked.some((p) => p.route.proxy))) {
    const direct = blocked.filter((p) => p.route.bypassed);
    const why = direct.length
      ? ` NO_PROXY sends ${hosts(direct)} past your proxy; remove ${direct.length > 1 ? 'them' : 'it'} from NO_PROXY.`
      : '';
    fixes.push(
      `${hosts(blocked)} cannot be reached (${[...new Set(blocked.map((p) => p.outcome.text))].join('; ')})${working.length ? ` while ${hosts(working)} can` : ''}: ${blocked.some((p) => p.route.proxy) ? 'the proxy cannot reach' : 'a firewall or proxy blocks'} ${blocked.length > 1 ? 'them' : 'it'}; ask IT to allow ${hosts(blocked)}.${why}`,
    );
  }
  return fixes;
}
