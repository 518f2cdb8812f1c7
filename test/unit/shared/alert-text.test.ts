import { describe, expect, it } from "vitest";
import { alertNotice, cleanupNotice, LANGUAGES, type AlertEntry, type SeenClient } from "../../../src/shared/index.js";

const ACCOUNT = "alice@example.org";
const client = (fields: Partial<SeenClient>): SeenClient => ({ id: "c1", kind: "session", authMethods: ["password"], ...fields });
const signIn = (fields: Partial<SeenClient>): AlertEntry => ({ id: "a1", at: 0, kind: "new-sign-in", client: client(fields) });
const wayIn = (added: string[], fields: Partial<SeenClient> = { software: "Gajim", device: "laptop" }): AlertEntry => ({
  id: "a2",
  at: 0,
  kind: "new-way-in",
  client: client(fields),
  added,
});

describe("alertNotice", () => {
  it("names the account and the client that signed in", () => {
    expect(alertNotice(signIn({ software: "Gajim", device: "laptop" }), ACCOUNT, "en")).toEqual({
      title: "New sign-in to alice@example.org",
      body: "Gajim on laptop",
    });
    expect(alertNotice(signIn({ software: "Gajim", device: "laptop" }), ACCOUNT, "de")).toEqual({
      title: "Neue Anmeldung bei alice@example.org",
      body: "Gajim auf laptop",
    });
    expect(alertNotice(signIn({ software: "Gajim", device: "laptop" }), ACCOUNT, "fr")).toEqual({
      title: "Nouvelle connexion à alice@example.org",
      body: "Gajim sur laptop",
    });
  });

  it("says something sensible when the client gave less", () => {
    expect(alertNotice(signIn({ software: "Gajim" }), ACCOUNT, "en").body).toBe("Gajim");
    expect(alertNotice(signIn({ device: "laptop" }), ACCOUNT, "en").body).toBe("A client on laptop");
    expect(alertNotice(signIn({}), ACCOUNT, "en").body).toBe("A client that gave no name");
    expect(alertNotice(signIn({ kind: "access" }), ACCOUNT, "en").body).toBe("An app token");
    expect(alertNotice(signIn({ kind: "access", software: "Dino" }), ACCOUNT, "en").body).toBe("An app token for Dino");
    expect(alertNotice(signIn({ kind: "access" }), ACCOUNT, "de").body).toBe("Ein App-Token");
    expect(alertNotice(signIn({}), ACCOUNT, "fr").body).toBe("Un client qui n’a pas donné de nom");
  });

  it("puts the new way in into words, and any method it has no words for as sent", () => {
    expect(alertNotice(wayIn(["fast"]), ACCOUNT, "en")).toEqual({
      title: "New way into alice@example.org",
      body: "Gajim on laptop can now sign in with a fast-reconnect token",
    });
    expect(alertNotice(wayIn(["password", "token"]), ACCOUNT, "en").body).toBe("Gajim on laptop can now sign in with the password and an app token");
    expect(alertNotice(wayIn(["fast"]), ACCOUNT, "de").body).toBe("Gajim auf laptop kann sich jetzt mit einem Token zum schnellen Wiederverbinden anmelden");
    expect(alertNotice(wayIn(["token"]), ACCOUNT, "fr").body).toBe("Gajim sur laptop peut maintenant se connecter avec un jeton d’application");
    expect(alertNotice(wayIn(["ht-sha-256-uniq"]), ACCOUNT, "en").body).toBe("Gajim on laptop can now sign in with ht-sha-256-uniq");
  });

  it("shows names without the invisible characters a rogue client could hide in them", () => {
    // Displayed raw, U+202E would make this read "Warden on your-laptop".
    const notice = alertNotice(signIn({ software: "\u202Epotpal-ruoy no nedraW", device: "x\u200B\u0007y" }), ACCOUNT, "en");
    expect(notice.body).toBe("potpal-ruoy no nedraW on xy");
    expect(alertNotice(wayIn(["fa\u202Est"]), ACCOUNT, "en").body).toMatch(/with fast$/);
    expect(alertNotice(signIn({ software: "\u200B", device: "\u202E" }), ACCOUNT, "en").body).toBe("A client that gave no name");
  });

  it("has a title and a body for every alert kind in every language", () => {
    for (const language of LANGUAGES) {
      for (const entry of [signIn({}), wayIn(["fast"], {})]) {
        const notice = alertNotice(entry, ACCOUNT, language);
        expect(notice.title, `${language} ${entry.kind}`).toContain(ACCOUNT);
        expect(notice.body, `${language} ${entry.kind}`).toMatch(/\S/);
      }
    }
  });
});

describe("cleanupNotice", () => {
  it("says how many were removed and how many were not", () => {
    expect(cleanupNotice(ACCOUNT, 3, 0, "en")).toEqual({ title: "Cleanup of alice@example.org", body: "Removed 3 clients not used for a while." });
    expect(cleanupNotice(ACCOUNT, 1, 0, "en").body).toBe("Removed 1 client not used for a while.");
    expect(cleanupNotice(ACCOUNT, 2, 1, "en").body).toBe("Removed 2 clients not used for a while. 1 was not removed: open Warden to see why.");
    expect(cleanupNotice(ACCOUNT, 0, 2, "en").body).toBe("2 were not removed: open Warden to see why.");
    expect(cleanupNotice(ACCOUNT, 0, 0, "en").body).toBe("Nothing needed removing.");
  });

  it("speaks German and French, with their plurals", () => {
    expect(cleanupNotice(ACCOUNT, 1, 0, "de").body).toBe("1 länger nicht genutzter Client entfernt.");
    expect(cleanupNotice(ACCOUNT, 3, 2, "de").body).toBe("3 länger nicht genutzte Clients entfernt. 2 wurden nicht entfernt: Öffne Warden, um den Grund zu sehen.");
    expect(cleanupNotice(ACCOUNT, 1, 0, "fr").body).toBe("1 client inutilisé depuis longtemps supprimé.");
    expect(cleanupNotice(ACCOUNT, 4, 0, "fr").body).toBe("4 clients inutilisés depuis longtemps supprimés.");
    for (const language of LANGUAGES) expect(cleanupNotice(ACCOUNT, 1, 1, language).title).toContain(ACCOUNT);
  });
});
