import { describe, expect, it } from "vitest";
import { makeClient } from "./test/fake-client-manager.js";
import { filterClients, sortClients } from "./sort-clients.js";

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

describe("filterClients", () => {
  const clients = [
    makeClient({ id: "urn:uuid:1", userAgent: { software: "Conversations", device: "Pixel 8" } }),
    makeClient({ id: "grant-42", kind: "access", userAgent: { software: "Movim", device: "Browser" } }),
    makeClient({ id: "x", userAgent: { softwareId: "gajim", device: "Laptop" } }),
  ];

  it("matches software, device and id, case-insensitively", () => {
    expect(filterClients(clients, "conversations").map((c) => c.id)).toEqual(["urn:uuid:1"]);
    expect(filterClients(clients, "PIXEL").map((c) => c.id)).toEqual(["urn:uuid:1"]);
    expect(filterClients(clients, "grant-42").map((c) => c.id)).toEqual(["grant-42"]);
    expect(filterClients(clients, "gajim laptop").map((c) => c.id)).toEqual(["x"]);
  });

  it("keeps everything for an empty query and nothing for a miss", () => {
    expect(filterClients(clients, "   ")).toHaveLength(3);
    expect(filterClients(clients, "nokia")).toHaveLength(0);
  });
});
