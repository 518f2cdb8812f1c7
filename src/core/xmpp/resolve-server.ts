import { promises as dns } from "node:dns";
import type { SrvRecord } from "node:dns";
import type { ServerAddress } from "../../shared/requests.js";

/** RFC 2782 order: lowest priority first, heavier weight first among equals. */
function byPriority(a: SrvRecord, b: SrvRecord): number {
  return a.priority - b.priority || b.weight - a.weight;
}

async function lookup(service: string, domain: string, tls: ServerAddress["tls"]): Promise<ServerAddress[]> {
  try {
    const records = await dns.resolveSrv(`_${service}._tcp.${domain}`);
    // A lone "." target means the service is decidedly not available (RFC 2782).
    return records
      .filter((r) => r.name !== "" && r.name !== ".")
      .sort(byPriority)
      .map((r) => ({ host: r.name, port: r.port, tls }));
  } catch {
    return [];
  }
}

/**
 * Where to connect for a JID's domain: direct TLS (XEP-0368) records first, then STARTTLS ones,
 * then the domain itself on the standard port.
 */
export async function resolveServer(domain: string): Promise<ServerAddress[]> {
  const [direct, starttls] = await Promise.all([
    lookup("xmpps-client", domain, "direct"),
    lookup("xmpp-client", domain, "starttls"),
  ]);
  const candidates = [...direct, ...starttls];
  return candidates.length > 0 ? candidates : [{ host: domain, port: 5222, tls: "starttls" }];
}
