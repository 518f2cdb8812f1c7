// One definition of "inactive" and of what the cleanup rule may touch, for the core and the page.
import type { ClientInfo } from "./client-info.js";

export const DEFAULT_INACTIVE_AFTER_DAYS = 30;
/** The longest threshold the settings accept (ten years). */
export const MAX_INACTIVE_AFTER_DAYS = 3650;
export const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When an entry was last used after it was made. Prosody lists a grant nobody has used with its
 * last-seen equal to its first-seen (its creation, to the second): that is "never used", not "used
 * just now".
 */
export function lastUsedOf(client: ClientInfo): number | undefined {
  return client.lastSeen !== undefined && client.lastSeen !== client.firstSeen ? client.lastSeen : undefined;
}

/**
 * Whole days since the entry was last active (an entry never used since it was made counts from
 * when it was made); undefined when it is connected, is this device, or the server gave no time.
 */
export function inactiveDays(client: ClientInfo, now: number): number | undefined {
  if (client.connected || client.isCurrent) return undefined;
  const lastActive = client.lastSeen ?? client.firstSeen;
  return lastActive === undefined ? undefined : Math.floor((now - lastActive) / DAY_MS);
}

/** Not seen for longer than `afterDays` (and neither connected nor this device). */
export function isInactive(client: ClientInfo, afterDays: number, now: number): boolean {
  if (client.connected || client.isCurrent) return false;
  const lastActive = client.lastSeen ?? client.firstSeen;
  return lastActive !== undefined && now - lastActive > afterDays * DAY_MS;
}

/** What a cleanup rule of `days` would revoke now: never this device, never a connected client. */
export function cleanupCandidates(clients: readonly ClientInfo[], days: number, now: number): ClientInfo[] {
  return clients.filter((client) => isInactive(client, days, now));
}
