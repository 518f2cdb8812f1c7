import type { ClientInfo } from "../../src/shared/index.js";
import { authMethodLabel, kindLabel } from "./describe.js";
import type { ListEntry } from "./group-apps.js";

/** This device first, then connected ones, then the most recently seen; never-seen last. */
export function compareClients(a: ClientInfo, b: ClientInfo): number {
  if (a.isCurrent !== b.isCurrent) return a.isCurrent ? -1 : 1;
  if (a.connected !== b.connected) return a.connected ? -1 : 1;
  const seenA = a.lastSeen ?? a.firstSeen ?? -Infinity;
  const seenB = b.lastSeen ?? b.firstSeen ?? -Infinity;
  if (seenA !== seenB) return seenB > seenA ? 1 : -1;
  const nameA = a.userAgent.software ?? a.userAgent.softwareId ?? "";
  const nameB = b.userAgent.software ?? b.userAgent.softwareId ?? "";
  return nameA.localeCompare(nameB) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function sortClients(clients: readonly ClientInfo[]): ClientInfo[] {
  return [...clients].sort(compareClients);
}

function haystack(client: ClientInfo): string {
  const ua = client.userAgent;
  return [ua.software, ua.softwareId, ua.softwareVersion, ua.device, client.id, kindLabel(client.kind), ...client.authMethods.map(authMethodLabel)]
    .filter((part): part is string => typeof part === "string")
    .join("\n")
    .toLocaleLowerCase();
}

/**
 * Every whitespace-separated word of the query must appear in the software, device, id (or kind /
 * sign-in methods) of the row's entry; an app matches when either of its entries does.
 */
export function filterRows(rows: readonly ListEntry[], query: string): ListEntry[] {
  const words = queryWords(query);
  if (words.length === 0) return [...rows];
  return rows.filter((row) => (row.kind === "client" ? matches(row.client, words) : matches(row.grant, words) || matches(row.session, words)));
}

function queryWords(query: string): string[] {
  return query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
}

function matches(client: ClientInfo, words: string[]): boolean {
  const text = haystack(client);
  return words.every((word) => text.includes(word));
}
