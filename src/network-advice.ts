// What to do about each network failure cause the probe classified, one sentence per cause.
import { maskedUrl } from './net/proxy.js';
import { CONNECT_CAUSES, type Outcome, type Route, type Target } from './sources/network.js';

export interface Probed {
  target: Target;
  route: Route;
  outcome: Outcome;
}

export function hostList(probed: Probed[]): string {
  return [...new Set(probed.map((p) => p.target.url.host))].join(', ');
}

/** One sentence per cause, naming the hosts it hit; none for failures nobody here can fix. */
export function fixesFor(probed: Probed[], extraCaFile: string | undefined): string[] {
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
