import { describe, expect, it } from "vitest";
import { makeClient } from "./test/fake-client-manager.js";
import { groupApps } from "./group-apps.js";
import { filterRows, sortClients } from "./sort-clients.js";

describe("sortClients", () => {
  it("puts this device first, then connected clients, then the most recently seen, never-seen last", () => {
    const old = makeClient({ id: "old", lastSeen: 1_000 });
    const recent = makeClient({ id: "recent", lastSeen: 5_000 });
    const never = makeClient({ id: "never" });
    const connected = makeClient({ id: "connected", connected: true, lastSeen: 10 });
    const self = makeClient({ id: "self", isCurrent: true, connected: true, lastSeen: 1 });
    expect(sortClients([old, never, recent, connected, self]).map((c) => c.id)).toEqual(["self", "connected", "recent", "old", "never"]);
  });

  it("is stable for equal entries and does not mutate its input", () => {
    const a = makeClient({ id: "a", userAgent: { software: "Same" } });
    const b = makeClient({ id: "b", userAgent: { software: "Same" } });
    const input = [b, a];
    expect(sortClients(input).map((c) => c.id)).toEqual(["a", "b"]);
    expect(input.map((c) => c.id)).toEqual(["b", "a"]);
  });
});

describe("filterRows", () => {
  const clients = [
    makeClient({ id: "urn:uuid:1", userAgent: { software: "Conversations", device: "Pixel 8" } }),
    makeClient({ id: "grant-42", kind: "access", userAgent: { software: "Movim", device: "Browser" } }),
    makeClient({ id: "x", userAgent: { softwareId: "gajim", device: "Laptop" } }),
  ];
  const ids = (query: string) => filterRows(groupApps(clients), query).map((row) => (row.kind === "client" ? row.client.id : row.grant.id));

  it("matches software, device and id, case-insensitively", () => {
    expect(ids("conversations")).toEqual(["urn:uuid:1"]);
    expect(ids("PIXEL")).toEqual(["urn:uuid:1"]);
    expect(ids("grant-42")).toEqual(["grant-42"]);
    expect(ids("gajim laptop")).toEqual(["x"]);
  });

  it("keeps everything for an empty query and nothing for a miss", () => {
    expect(ids("   ")).toHaveLength(3);
    expect(ids("nokia")).toHaveLength(0);
  });

  it("keeps an app when either of its entries matches", () => {
    const oauth = { software: "Movim", softwareId: "movim-web", uri: "https://movim.eu/" };
    const rows = groupApps([
      makeClient({ id: "g", kind: "access", authMethods: ["token"], userAgent: oauth }),
      makeClient({ id: "s", authMethods: ["token"], userAgent: { ...oauth, device: "Firefox" } }),
    ]);
    expect(rows).toHaveLength(1);
    expect(filterRows(rows, "firefox")).toEqual(rows);
    expect(filterRows(rows, "movim-web")).toEqual(rows);
    expect(filterRows(rows, "nokia")).toEqual([]);
  });
});
