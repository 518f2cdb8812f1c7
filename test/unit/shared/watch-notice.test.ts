import { describe, expect, it } from "vitest";
import { watchNotice } from "../../../src/shared/alert-text.js";
import type { ActivityEntry } from "../../../src/shared/activity.js";
import { LANGUAGES } from "../../../src/shared/requests.js";
import type { SeenClient } from "../../../src/shared/seen-client.js";

const JID = "alice@example.org";
const GAJIM: SeenClient = { id: "client/gajim", kind: "session", software: "Gajim", device: "laptop", authMethods: ["password"] };

const entries: Record<ActivityEntry["kind"], ActivityEntry> = {
  "new-sign-in": { id: "1", at: 1, kind: "new-sign-in", client: GAJIM },
  "new-way-in": { id: "2", at: 2, kind: "new-way-in", client: GAJIM, added: ["fast"] },
  gone: { id: "3", at: 3, kind: "gone", client: GAJIM },
  revoked: { id: "4", at: 4, kind: "revoked", client: GAJIM, by: "cleanup", result: { ok: true, value: { outcome: "gone", removed: ["session"] } } },
  "password-changed": { id: "5", at: 5, kind: "password-changed", confirmed: true, cutOff: [] },
  "cleanup-run": { id: "6", at: 6, kind: "cleanup-run", days: 30, removed: 2, notRemoved: 1 },
  "only-this-device": { id: "7", at: 7, kind: "only-this-device", verified: true, remaining: [] },
};

describe("watchNotice", () => {
  it("announces a new sign-in, and its click reveals that entry", () => {
    expect(watchNotice(JID, entries["new-sign-in"], "en")).toEqual({
      title: "New sign-in to alice@example.org",
      body: "Gajim on laptop",
      reveal: { jid: JID, id: "client/gajim" },
    });
  });

  it("announces a new way in, and its click reveals that entry", () => {
    expect(watchNotice(JID, entries["new-way-in"], "de")).toEqual({
      title: "Neuer Zugang zu alice@example.org",
      body: "Gajim auf laptop kann sich jetzt mit einem Token zum schnellen Wiederverbinden anmelden",
      reveal: { jid: JID, id: "client/gajim" },
    });
  });

  it("sums up a cleanup run in one notification, with nothing to reveal", () => {
    expect(watchNotice(JID, entries["cleanup-run"], "fr")).toEqual({
      title: "Nettoyage de alice@example.org",
      body: "2 clients inutilisés depuis longtemps supprimés. 1 n’a pas pu être supprimé : ouvrez Warden pour voir pourquoi.",
    });
    expect(watchNotice(JID, { id: "8", at: 8, kind: "cleanup-run", days: 30, removed: 0, notRemoved: 0 }, "en")).toBeNull();
  });

  it("leaves everything else to Activity (each revoke of a cleanup run is in its summary)", () => {
    for (const kind of ["gone", "revoked", "password-changed", "only-this-device"] as const) {
      for (const language of LANGUAGES) expect(watchNotice(JID, entries[kind], language), kind).toBeNull();
    }
  });
});
