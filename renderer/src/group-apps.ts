import type { ClientInfo } from "../../src/shared/index.js";

/** One row of the list: an entry on its own, or an app token together with the session it signed in with. */
export type ListEntry = { kind: "client"; client: ClientInfo } | { kind: "app"; grant: ClientInfo; session: ClientInfo };
export type AppEntry = Extract<ListEntry, { kind: "app" }>;

/** A row's key: an entry's id; an app's grant id, marked so it can never equal an entry's own id. */
export function rowKey(row: ListEntry): string {
  return row.kind === "client" ? row.client.id : `app\u0000${row.grant.id}`;
}

/** The OAuth client id and uri as one key, or undefined when either is missing or empty. */
function oauthKey(client: ClientInfo): string | undefined {
  const { softwareId, uri } = client.userAgent;
  if (!softwareId || !uri) return undefined;
  // JSON keeps the two apart: no id/uri pair can be made to equal another by moving a separator.
  return JSON.stringify([softwareId, uri]);
}

/**
 * The list as rows: a grant and a session become one app only when they belong together for sure,
 * that is when exactly one grant and exactly one other session (never this device) carry the same
 * OAuth client id AND uri, compared as sent. A software name alone never groups: any client can
 * call itself anything. Where the pair is ambiguous (two grants or two sessions with the same id
 * and uri) nothing is grouped, since which session used which grant is not known. Rows keep the
 * order of `clients`; an app sits where its first entry was.
 */
export function groupApps(clients: readonly ClientInfo[]): ListEntry[] {
  const grants = new Map<string, ClientInfo[]>();
  const sessions = new Map<string, ClientInfo[]>();
  for (const client of clients) {
    if (client.isCurrent) continue;
    const key = oauthKey(client);
    if (key === undefined) continue;
    const byKey = client.kind === "access" ? grants : sessions;
    const found = byKey.get(key);
    if (found) found.push(client);
    else byKey.set(key, [client]);
  }

  const partner = new Map<ClientInfo, ClientInfo>();
  for (const [key, keyGrants] of grants) {
    const keySessions = sessions.get(key);
    const grant = keyGrants[0];
    const session = keySessions?.[0];
    if (keyGrants.length !== 1 || keySessions?.length !== 1 || !grant || !session) continue;
    partner.set(grant, session);
    partner.set(session, grant);
  }

  const rows: ListEntry[] = [];
  const placed = new Set<ClientInfo>();
  for (const client of clients) {
    if (placed.has(client)) continue;
    const other = partner.get(client);
    if (other === undefined) {
      rows.push({ kind: "client", client });
      continue;
    }
    placed.add(other);
    rows.push(client.kind === "access" ? { kind: "app", grant: client, session: other } : { kind: "app", grant: other, session: client });
  }
  return rows;
}
