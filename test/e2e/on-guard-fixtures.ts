// Accounts as the "On guard" e2e tests need them: clients and an app token last seen weeks ago,
// made by really signing in (or by a real grant) and then aged by the test server.
import { randomUUID } from "node:crypto";
import { signInOtherClient, signOutOtherClient } from "../server/other-client.js";
import type { TestServer } from "../server/prosody-test-server.js";

export const MOVIM = { name: "Movim", uri: "https://movim.eu/", id: "movim-web", version: "0.29.1" };
const DAY_MS = 24 * 60 * 60 * 1000;
export const daysAgo = (days: number): Date => new Date(Date.now() - days * DAY_MS);

type Account = { jid: string; password: string };
type Seen = { firstDaysAgo: number; lastDaysAgo: number };

/** A client that signed in with the password and signed out, last seen `seen` ago; resolves with its user-agent id. */
export async function pastClient(server: TestServer, account: Account, software: string, device: string, seen: Seen): Promise<string> {
  const uaId = randomUUID();
  await signOutOtherClient(await signInOtherClient(server, account, { uaId, software, device }));
  await server.setSeenTimes(account.jid, uaId, { firstSeen: daysAgo(seen.firstDaysAgo), lastSeen: daysAgo(seen.lastDaysAgo) });
  return uaId;
}

/** Movim's app token, made `seen.firstDaysAgo` and last used `seen.lastDaysAgo`. */
export async function staleAppToken(server: TestServer, account: Account, seen: Seen): Promise<void> {
  // With a token: Prosody drops a grant without one that nobody used for two weeks.
  await server.createGrantToken(account.jid, MOVIM);
  await server.setGrantSeenTimes(account.jid, MOVIM.name, { firstSeen: daysAgo(seen.firstDaysAgo), lastSeen: daysAgo(seen.lastDaysAgo) });
}
