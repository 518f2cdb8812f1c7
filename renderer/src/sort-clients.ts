import type { ClientInfo } from "../../src/shared/index.js";
import { authMethodLabel, kindLabel } from "./describe.js";

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

/** Every whitespace-separated word of the query must appear in the software, device, id (or kind / sign-in methods). */
export function filterClients(clients: readonly ClientInfo[], query: string): ClientInfo[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [...clients];
  return clients.filter((client) => {
    const text = haystack(client);
    return words.every((word) => text.includes(word));
  });
}
