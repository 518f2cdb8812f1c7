import type { ClientInfo } from "../../src/shared/index.js";
import { isInactive, lastUsedOf } from "../../src/shared/index.js";
import type { ListEntry } from "./group-apps.js";

export type SectionId = "this-device" | "connected" | "other" | "apps" | "inactive";

/** The sections in the order the list shows them. */
export const SECTION_ORDER: readonly SectionId[] = ["this-device", "connected", "other", "apps", "inactive"];

/** What the sections, the filter chips and the search know about a row. */
export type RowFacts = {
  current: boolean;
  connected: boolean;
  /** Not connected; never said of an app token on its own, which has no connection. */
  offline: boolean;
  app: boolean;
  inactive: boolean;
  /**
   * When it was last active (`now` while connected), for sorting and inactivity: an entry never
   * used since it was made counts from when it was made. Undefined when the server never said.
   */
  lastActive: number | undefined;
  /** When the server last saw it used after it was made (see lastUsedOf); undefined: never used. */
  lastUsed: number | undefined;
  firstSeen: number | undefined;
};

function entriesOf(row: ListEntry): ClientInfo[] {
  return row.kind === "client" ? [row.client] : [row.grant, row.session];
}

function latest(times: (number | undefined)[]): number | undefined {
  const known = times.filter((t): t is number => t !== undefined);
  return known.length > 0 ? Math.max(...known) : undefined;
}

function earliest(times: (number | undefined)[]): number | undefined {
  const known = times.filter((t): t is number => t !== undefined);
  return known.length > 0 ? Math.min(...known) : undefined;
}

/** `inactiveAfterDays`: the user's threshold (Preferences); a row is inactive when all its entries are. */
export function rowFacts(row: ListEntry, now: number, inactiveAfterDays: number): RowFacts {
  const entries = entriesOf(row);
  const connected = entries.some((c) => c.connected);
  const current = row.kind === "client" && row.client.isCurrent;
  const app = row.kind === "app" || row.client.kind === "access";
  const firstSeen = earliest(entries.map((c) => c.firstSeen));
  // An entry never seen since it was made counts from when it was made.
  const lastActive = connected ? now : latest(entries.map((c) => c.lastSeen ?? c.firstSeen));
  const lastUsed = latest(entries.map(lastUsedOf));
  const inactive = entries.every((client) => isInactive(client, inactiveAfterDays, now));
  const lonelyToken = row.kind === "client" && row.client.kind === "access";
  return { current, connected, offline: !connected && !lonelyToken, app, inactive, lastActive, lastUsed, firstSeen };
}

/**
 * The one section a row belongs to: this device; else connected now; else inactive (which wins over
 * the two below); else an app (a token, or a token with its session); else another device.
 */
export function sectionOf(facts: RowFacts): SectionId {
  if (facts.current) return "this-device";
  if (facts.connected) return "connected";
  if (facts.inactive) return "inactive";
  return facts.app ? "apps" : "other";
}

/** The rows split into sections, in SECTION_ORDER, keeping each section's rows in the given order; empty sections left out. */
export function splitSections<T extends { facts: RowFacts }>(rows: readonly T[]): { id: SectionId; rows: T[] }[] {
  const bySection = new Map<SectionId, T[]>(SECTION_ORDER.map((id) => [id, []]));
  for (const row of rows) bySection.get(sectionOf(row.facts))?.push(row);
  return SECTION_ORDER.map((id) => ({ id, rows: bySection.get(id) ?? [] })).filter((section) => section.rows.length > 0);
}
