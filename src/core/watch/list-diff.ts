import type { ClientList } from "../../shared/client-info.js";
import { seenClientOf, type SeenClient } from "../../shared/seen-client.js";

/** What changed between two lists of one account, as the watch reports it. */
export type ListChange =
  | { kind: "new-sign-in"; client: SeenClient }
  | { kind: "new-way-in"; client: SeenClient; added: string[] }
  | { kind: "gone"; client: SeenClient };

/**
 * Compares what the watch saw last with a new list. `previous` undefined: this list is the
 * baseline, so nothing is new. This device's own entry is never reported: the user knows it.
 * New entries come in list order, then what is gone in the order it was seen.
 */
export function diffLists(previous: readonly SeenClient[] | undefined, next: ClientList): ListChange[] {
  if (previous === undefined) return [];
  const before = new Map(previous.map((client) => [client.id, client]));
  const listed = new Set(next.clients.map((client) => client.id));
  const changes: ListChange[] = [];
  for (const info of next.clients) {
    if (info.isCurrent) continue;
    const seen = before.get(info.id);
    const client = seenClientOf(info);
    if (seen === undefined) {
      changes.push({ kind: "new-sign-in", client });
      continue;
    }
    const added = info.authMethods.filter((method) => !seen.authMethods.includes(method));
    if (added.length > 0) changes.push({ kind: "new-way-in", client, added });
  }
  for (const seen of previous) if (!listed.has(seen.id)) changes.push({ kind: "gone", client: seen });
  return changes;
}

/** What the watch keeps of a list to compare the next one with. */
export function snapshotOf(list: ClientList): SeenClient[] {
  return list.clients.map(seenClientOf);
}
