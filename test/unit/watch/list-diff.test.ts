import { describe, expect, it } from "vitest";
import type { ClientInfo, ClientList } from "../../../src/shared/client-info.js";
import { seenClientOf, type SeenClient } from "../../../src/shared/seen-client.js";
import { diffLists, type ListChange } from "../../../src/core/watch/list-diff.js";

const client = (id: string, extra: Partial<ClientInfo> = {}): ClientInfo => ({
  id,
  kind: "session",
  connected: false,
  firstSeen: 1_700_000_000_000,
  lastSeen: 1_700_000_100_000,
  authMethods: ["password"],
  userAgent: { software: "Gajim", device: "laptop" },
  isCurrent: false,
  ...extra,
});
const list = (...clients: ClientInfo[]): ClientList => ({ clients, protocol: "prosody", fetchedAt: 1_700_000_200_000 });
const seen = (...clients: ClientInfo[]): SeenClient[] => clients.map(seenClientOf);

const us = client("client/us", { isCurrent: true, connected: true, userAgent: { software: "Warden" } });
const gajim = client("client/gajim");
const gajimWithFast = client("client/gajim", { authMethods: ["password", "fast"] });
const gajimAgain = client("client/gajim", { lastSeen: 1_700_000_150_000, connected: true });
const token = client("grant/bot", { kind: "access", authMethods: ["token"], userAgent: { software: "Backup bot" } });
const phone = client("client/phone", { authMethods: ["password", "fast"], userAgent: { software: "Conversations" } });
const phoneWithoutFast = client("client/phone", { authMethods: ["password"], userAgent: { software: "Conversations" } });
const newDevice = client("client/new-us", { isCurrent: true, connected: true, userAgent: { software: "Warden" } });

const rows: { name: string; previous: SeenClient[] | undefined; next: ClientList; expected: ListChange[] }[] = [
  { name: "the same list: nothing", previous: seen(us, gajim, token), next: list(us, gajim, token), expected: [] },
  { name: "only times and connection changed: nothing", previous: seen(us, gajim), next: list(us, gajimAgain), expected: [] },
  { name: "a new client: new sign-in", previous: seen(us), next: list(us, gajim), expected: [{ kind: "new-sign-in", client: seenClientOf(gajim) }] },
  { name: "a new app token (access): new sign-in", previous: seen(us, gajim), next: list(us, gajim, token), expected: [{ kind: "new-sign-in", client: seenClientOf(token) }] },
  {
    name: "FAST added to a password client: new way in",
    previous: seen(us, gajim),
    next: list(us, gajimWithFast),
    expected: [{ kind: "new-way-in", client: seenClientOf(gajimWithFast), added: ["fast"] }],
  },
  { name: "a way in removed: nothing", previous: seen(us, phone), next: list(us, phoneWithoutFast), expected: [] },
  { name: "no longer listed: gone", previous: seen(us, gajim, token), next: list(us, token), expected: [{ kind: "gone", client: seenClientOf(gajim) }] },
  {
    name: "an id that reappears after it was gone: new sign-in again",
    previous: seen(us),
    next: list(us, gajimAgain),
    expected: [{ kind: "new-sign-in", client: seenClientOf(gajimAgain) }],
  },
  { name: "this device is never new", previous: seen(gajim), next: list(newDevice, gajim), expected: [] },
  { name: "an empty snapshot: everything listed is new", previous: [], next: list(us, gajim), expected: [{ kind: "new-sign-in", client: seenClientOf(gajim) }] },
  { name: "no snapshot yet (baseline): nothing", previous: undefined, next: list(us, gajim, token, phone), expected: [] },
  {
    name: "several at once: new ones in list order, then gone",
    previous: seen(us, gajim, phoneWithoutFast),
    next: list(token, us, phone),
    expected: [
      { kind: "new-sign-in", client: seenClientOf(token) },
      { kind: "new-way-in", client: seenClientOf(phone), added: ["fast"] },
      { kind: "gone", client: seenClientOf(gajim) },
    ],
  },
];

describe("the diff of two lists", () => {
  it.each(rows)("$name", ({ previous, next, expected }) => {
    expect(diffLists(previous, next)).toEqual(expected);
  });
});
