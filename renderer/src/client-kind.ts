import type { ClientInfo } from "../../src/shared/index.js";

/** What sort of thing an entry is, for its icon and its words. */
export type ClientKind = "desktop" | "phone" | "web" | "app-token" | "unknown";

/**
 * Known software by name (lower case, matched at the start of the name). The client names itself,
 * so this picks an icon only; it never decides what an entry may do.
 */
const SOFTWARE_KINDS: readonly [string, ClientKind][] = [
  ["conversations", "phone"],
  ["monal", "phone"],
  ["siskin", "phone"],
  ["blabber", "phone"],
  ["cheogram", "phone"],
  ["quicksy", "phone"],
  ["gajim", "desktop"],
  ["dino", "desktop"],
  ["psi", "desktop"],
  ["swift", "desktop"],
  ["pidgin", "desktop"],
  ["kaidan", "desktop"],
  ["movim", "web"],
  ["converse", "web"],
  ["jsxc", "web"],
];

/** Words in a device name that say what it is, when the software is not in the table. */
const DEVICE_HINTS: readonly [RegExp, ClientKind][] = [
  [/\b(android|iphone|ipad|ios|pixel|galaxy|phone|mobile)\b/i, "phone"],
  [/\b(firefox|chrome|chromium|safari|edge|browser)\b/i, "web"],
  [/\b(windows|linux|macos|mac|laptop|desktop|thinkpad|pc)\b/i, "desktop"],
];

/** An app token by its kind; else the software's name, then the device's words, then a web address. */
export function clientKindOf(client: ClientInfo): ClientKind {
  if (client.kind === "access") return "app-token";
  const name = (client.userAgent.software ?? client.userAgent.softwareId ?? "").trim().toLowerCase();
  const known = SOFTWARE_KINDS.find(([prefix]) => name.startsWith(prefix));
  if (known) return known[1];
  const device = client.userAgent.device ?? "";
  const hint = DEVICE_HINTS.find(([pattern]) => pattern.test(device));
  if (hint) return hint[1];
  if (/^https?:\/\//i.test(client.userAgent.uri ?? "")) return "web";
  return "unknown";
}
