import { describe, expect, it } from "vitest";
import type { ClientInfo } from "../../src/shared/index.js";
import { makeClient } from "./test/fake-client-manager.js";
import { groupApps, type ListEntry } from "./group-apps.js";

const MOVIM = { software: "Movim", softwareId: "movim-web", uri: "https://movim.eu/" };
const grant = (id: string, userAgent: ClientInfo["userAgent"] = MOVIM) => makeClient({ id, kind: "access", authMethods: ["token"], userAgent });
const session = (id: string, userAgent: ClientInfo["userAgent"] = { ...MOVIM, device: "Firefox" }, more: Partial<ClientInfo> = {}) =>
  makeClient({ id, connected: true, authMethods: ["token"], userAgent, ...more });

/** Rows as ids: "a" for an entry alone, "g+s" for an app. */
const shape = (rows: ListEntry[]) => rows.map((row) => (row.kind === "client" ? row.client.id : `${row.grant.id}+${row.session.id}`));

describe("groupApps", () => {
  it("groups a session with the grant whose OAuth client id and uri it carries, where its first entry was", () => {
    const rows = groupApps([makeClient({ id: "other" }), session("s"), grant("g")]);
    expect(shape(rows)).toEqual(["other", "g+s"]);
    const app = rows[1];
    expect(app?.kind === "app" && app.grant.id === "g" && app.session.id === "s").toBe(true);
  });

  it("leaves a list without such a pair as it was, one row per entry in the same order", () => {
    const clients = [makeClient({ id: "a" }), grant("g"), makeClient({ id: "b", kind: "access" })];
    expect(shape(groupApps(clients))).toEqual(["a", "g", "b"]);
  });

  it("never groups on a software name alone", () => {
    const nameOnly = session("s", { software: "Movim", device: "Firefox" });
    expect(shape(groupApps([nameOnly, grant("g")]))).toEqual(["s", "g"]);
  });

  it("needs both the id and the uri, each equal as sent", () => {
    const cases: ClientInfo["userAgent"][] = [
      { software: "Movim", softwareId: "movim-web" },
      { software: "Movim", uri: "https://movim.eu/" },
      { software: "Movim", softwareId: "movim-web", uri: "https://movim.eu" },
      { software: "Movim", softwareId: "Movim-web", uri: "https://movim.eu/" },
      { software: "Movim", softwareId: "", uri: "" },
    ];
    for (const userAgent of cases) expect(shape(groupApps([session("s", userAgent), grant("g")]))).toEqual(["s", "g"]);
    // A grant without an id and uri is never grouped either, whatever a session carries.
    expect(shape(groupApps([session("s", { software: "Movim" }), grant("g", { software: "Movim" })]))).toEqual(["s", "g"]);
  });

  it("never puts two grants into one row, and groups nothing when the pair is ambiguous", () => {
    expect(shape(groupApps([grant("g1"), grant("g2")]))).toEqual(["g1", "g2"]);
    expect(shape(groupApps([session("s"), grant("g1"), grant("g2")]))).toEqual(["s", "g1", "g2"]);
    expect(shape(groupApps([session("s1"), session("s2"), grant("g")]))).toEqual(["s1", "s2", "g"]);
  });

  it("never groups two sessions", () => {
    expect(shape(groupApps([session("s1"), session("s2")]))).toEqual(["s1", "s2"]);
  });

  it("never groups this device", () => {
    const self = session("self", { ...MOVIM, device: "This laptop" }, { isCurrent: true });
    expect(shape(groupApps([self, grant("g")]))).toEqual(["self", "g"]);
  });

  it("groups each app with its own grant when several apps are listed", () => {
    const other = { software: "Other", softwareId: "other", uri: "https://other.example/" };
    const rows = groupApps([grant("g1"), session("s2", other), session("s1"), grant("g2", other)]);
    expect(shape(rows)).toEqual(["g1+s1", "g2+s2"]);
  });
});
