import { createIntl } from "react-intl";
import { describe, expect, it } from "vitest";
import { makeClient } from "./test/fake-client-manager.js";
import { clientKindOf } from "./client-kind.js";
import { groupApps, rowKey } from "./group-apps.js";
import { filterRows, searchVocabulary, type Chip } from "./list-filters.js";
import { rowFacts, splitSections } from "./list-sections.js";
import { lookAlikeTags } from "./look-alikes.js";
import { sortRows } from "./sort-clients.js";
import { DEFAULT_INACTIVE_AFTER_DAYS as INACTIVE_AFTER_DAYS, type ClientInfo } from "../../src/shared/index.js";

const intl = createIntl({ locale: "en" });
const english = searchVocabulary(intl);

const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);
const DAY = 24 * 3_600_000;

function factRows(clients: ClientInfo[]) {
  return groupApps(clients).map((row) => ({ row, facts: rowFacts(row, NOW, INACTIVE_AFTER_DAYS) }));
}
const idsOf = (rows: ReturnType<typeof factRows>) => rows.map(({ row }) => (row.kind === "client" ? row.client.id : row.grant.id));

describe("sections", () => {
  it("puts each entry in exactly one section: this device, connected now, other devices, apps, inactive", () => {
    const oauth = { software: "Movim", softwareId: "movim-web", uri: "https://movim.eu/" };
    const clients = [
      makeClient({ id: "self", isCurrent: true, connected: true }),
      makeClient({ id: "phone", connected: true, lastSeen: NOW - 40 * DAY }),
      makeClient({ id: "laptop", lastSeen: NOW - 3 * DAY }),
      makeClient({ id: "token", kind: "access", firstSeen: NOW - 2 * DAY }),
      makeClient({ id: "old-token", kind: "access", lastSeen: NOW - (INACTIVE_AFTER_DAYS + 1) * DAY }),
      makeClient({ id: "old", lastSeen: NOW - (INACTIVE_AFTER_DAYS + 1) * DAY }),
      makeClient({ id: "never" }),
      makeClient({ id: "g", kind: "access", userAgent: oauth, lastSeen: NOW - DAY }),
      makeClient({ id: "s", userAgent: { ...oauth, device: "Firefox" }, lastSeen: NOW - DAY }),
    ];
    const sections = splitSections(factRows(clients)).map((section) => [section.id, idsOf(section.rows)]);
    expect(sections).toEqual([
      ["this-device", ["self"]],
      ["connected", ["phone"]],
      ["other", ["laptop", "never"]],
      ["apps", ["token", "g"]],
      ["inactive", ["old-token", "old"]],
    ]);
  });

  it("leaves empty sections out", () => {
    expect(splitSections(factRows([makeClient({ id: "a", lastSeen: NOW })])).map((s) => s.id)).toEqual(["other"]);
  });
});

describe("sortRows", () => {
  const rows = factRows([
    makeClient({ id: "old", lastSeen: NOW - 9 * DAY, firstSeen: NOW - 10 * DAY }),
    makeClient({ id: "recent", lastSeen: NOW - DAY, firstSeen: NOW - 100 * DAY }),
    makeClient({ id: "connected", connected: true, lastSeen: NOW - 50 * DAY, firstSeen: NOW - 2 * DAY }),
    makeClient({ id: "never" }),
  ]);

  it("sorts by last active, newest first (connected counts as now), unknown last", () => {
    expect(idsOf(sortRows(rows, "last-active", "en"))).toEqual(["connected", "recent", "old", "never"]);
  });

  it("sorts by first seen, newest first", () => {
    expect(idsOf(sortRows(rows, "first-seen", "en"))).toEqual(["connected", "old", "recent", "never"]);
  });
});

describe("filterRows", () => {
  const rows = factRows([
    makeClient({ id: "client/0b5b7a3c-8d2e", connected: true, userAgent: { software: "Conversations", device: "Pixel 8" } }),
    makeClient({ id: "grant/ldbVKJJELw8f", kind: "access", lastSeen: NOW - DAY, userAgent: { software: "Movim", uri: "https://movim.eu/" } }),
    makeClient({ id: "client/x1", lastSeen: NOW - 2 * DAY, userAgent: { softwareId: "gajim", device: "Laptop" } }),
    makeClient({ id: "client/x2", lastSeen: NOW - 90 * DAY, userAgent: { software: "Dino", device: "Desktop" } }),
  ]);
  const ids = (query: string, chips: Chip[] = []) => idsOf(filterRows(rows, query, new Set(chips), english));

  it("matches software, device, address and id, case-insensitively, every word", () => {
    expect(ids("conversations")).toEqual(["client/0b5b7a3c-8d2e"]);
    expect(ids("PIXEL")).toEqual(["client/0b5b7a3c-8d2e"]);
    expect(ids("movim.eu")).toEqual(["grant/ldbVKJJELw8f"]);
    expect(ids("gajim laptop")).toEqual(["client/x1"]);
    expect(ids("nokia")).toEqual([]);
    expect(ids("   ")).toHaveLength(4);
  });

  it("matches the short id shown in the details", () => {
    expect(ids("ldbVKJJE")).toEqual(["grant/ldbVKJJELw8f"]);
  });

  it("matches the words of a row's state", () => {
    expect(ids("offline")).toEqual(["client/x1", "client/x2"]);
    expect(ids("connected")).toEqual(["client/0b5b7a3c-8d2e"]);
    expect(ids("app")).toEqual(["grant/ldbVKJJELw8f"]);
    expect(ids("inactive")).toEqual(["client/x2"]);
    expect(ids("phone")).toEqual(["client/0b5b7a3c-8d2e"]);
  });

  it("narrows by each pressed chip; Connected and Offline together mean either", () => {
    expect(ids("", ["connected"])).toEqual(["client/0b5b7a3c-8d2e"]);
    expect(ids("", ["offline"])).toEqual(["client/x1", "client/x2"]);
    expect(ids("", ["apps"])).toEqual(["grant/ldbVKJJELw8f"]);
    expect(ids("", ["inactive"])).toEqual(["client/x2"]);
    expect(ids("", ["connected", "offline"])).toHaveLength(3);
    expect(ids("", ["offline", "inactive"])).toEqual(["client/x2"]);
    expect(ids("dino", ["connected"])).toEqual([]);
  });

  it("keeps an app when either of its entries matches", () => {
    const oauth = { software: "Movim", softwareId: "movim-web", uri: "https://movim.eu/" };
    const app = factRows([
      makeClient({ id: "g", kind: "access", authMethods: ["token"], userAgent: oauth }),
      makeClient({ id: "s", authMethods: ["token"], userAgent: { ...oauth, device: "Firefox" } }),
    ]);
    expect(app).toHaveLength(1);
    expect(filterRows(app, "firefox", new Set(), english)).toHaveLength(1);
    expect(filterRows(app, "movim-web", new Set(), english)).toHaveLength(1);
    expect(filterRows(app, "nokia", new Set(), english)).toHaveLength(0);
  });
});

describe("lookAlikeTags", () => {
  it("tags entries with the same name and device by first-seen day, else by id; leaves unique ones alone", () => {
    const pixel = { software: "Conversations", device: "Pixel 6" };
    const rows = groupApps([
      makeClient({ id: "client/aaaa1111zz", userAgent: pixel, firstSeen: Date.UTC(2025, 2, 12, 10) }),
      makeClient({ id: "client/bbbb2222zz", userAgent: pixel, firstSeen: Date.UTC(2025, 3, 2, 10) }),
      makeClient({ id: "client/cccc3333", userAgent: {} }),
      makeClient({ id: "client/dddd4444", userAgent: {}, firstSeen: NOW }),
      makeClient({ id: "client/unique", userAgent: { software: "Gajim", device: "Laptop" } }),
    ]);
    const tags = lookAlikeTags(intl, rows);
    const day = (t: number) => new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short" }).format(new Date(t));
    expect(tags.get("client/aaaa1111zz")).toBe(`first seen ${day(Date.UTC(2025, 2, 12, 10))}`);
    expect(tags.get("client/bbbb2222zz")).toBe(`first seen ${day(Date.UTC(2025, 3, 2, 10))}`);
    expect(tags.get("client/cccc3333")).toBe("id cccc3333");
    expect(tags.get("client/dddd4444")).toBe("id dddd4444");
    expect(tags.has(rowKey(rows[4]!))).toBe(false);
  });

  it("grows the id prefix until it tells the entries apart", () => {
    const tags = lookAlikeTags(intl, groupApps([makeClient({ id: "client/abcdefgh-1", userAgent: {} }), makeClient({ id: "client/abcdefgh-2", userAgent: {} })]));
    expect([...tags.values()]).toEqual(["id abcdefgh-1", "id abcdefgh-2"]);
  });
});

describe("clientKindOf", () => {
  it("knows app tokens, phones, desktops and web apps from the kind, software, device and address", () => {
    const kind = (client: Partial<ClientInfo>) => clientKindOf(makeClient(client));
    expect(kind({ kind: "access", userAgent: { software: "Conversations" } })).toBe("app-token");
    expect(kind({ userAgent: { software: "Monal" } })).toBe("phone");
    expect(kind({ userAgent: { software: "Gajim" } })).toBe("desktop");
    expect(kind({ userAgent: { software: "Converse.js" } })).toBe("web");
    expect(kind({ userAgent: { software: "Acme", device: "Android tablet" } })).toBe("phone");
    expect(kind({ userAgent: { software: "Acme", uri: "https://acme.example/" } })).toBe("web");
    expect(kind({ userAgent: {} })).toBe("unknown");
  });
});
