import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { nextSecond } from "../../server/server-clock.js";
import { signInOtherClient, signOutOtherClient } from "../../server/other-client.js";
import { xml } from "../../server/xmpp-client.js";
import { getAccount } from "../../../src/core/settings/index.js";
import { presentedCertificate } from "../certificate.js";
import { directTls, nextEvent, nextList, serverAndDevices, signInWith, stateIs, stateOf } from "../fixtures.js";

const env = serverAndDevices();
const { launch, newAccount } = env;

describe("sign-in", () => {
  it("signs in with the password, then relaunches with the FAST token alone", async () => {
    const account = await newAccount();
    const first = await launch();
    expect(await first.manager.signIn(signInWith(env.server, account))).toEqual({
      ok: true,
      value: { status: "online", jid: account.jid, credentials: "keychain" },
    });
    expect(await first.keychain.get(`password:${account.jid}`)).toEqual({ ok: true, value: null });
    await first.manager.dispose();

    const second = await launch(first);
    expect(await stateOf(second.manager, account.jid)).toEqual({ status: "signed-out", storedSignIn: true });
    // The relaunched core knows whom to sign in again, without being told, and lists by itself.
    const listedByItself = nextList(second.manager, account.jid);
    await second.manager.resumeRemembered();
    expect(await stateOf(second.manager, account.jid)).toMatchObject({ status: "online" });
    expect((await listedByItself).clients.some((c) => c.isCurrent)).toBe(true);
    const listed = await second.manager.listClients({ jid: account.jid });
    expect(listed.ok && listed.value.clients.filter((c) => c.isCurrent)).toMatchObject([
      { connected: true, authMethods: expect.arrayContaining(["fast"]), userAgent: { software: "Warden" } },
    ]);
  });

  it("signs in over direct TLS", async () => {
    const account = await newAccount();
    const device = await launch();
    expect(await device.manager.signIn(signInWith(env.server, account, { server: directTls(env.server) }))).toMatchObject({ ok: true, value: { status: "online" } });
  });

  it("reports a wrong password and keeps nothing", async () => {
    const account = await newAccount();
    const device = await launch();
    const result = await device.manager.signIn(signInWith(env.server, { jid: account.jid, password: "not the password" }));
    expect(result).toMatchObject({ ok: false, error: { kind: "auth-failed", condition: "not-authorized" } });
    // A first sign-in that failed adds nothing to this device.
    expect(await device.manager.getState()).toMatchObject({ ok: true, value: { accounts: [] } });
    expect(await device.keychain.get(`fast-token:${account.jid}`)).toEqual({ ok: true, value: null });
  });

  it("asks for the password when the stored token was voided, without retrying", async () => {
    const account = await newAccount();
    const first = await launch();
    await first.manager.signIn(signInWith(env.server, account));
    await first.manager.dispose();
    // Prosody compares times to the second: a token issued in the second of the change survives it.
    await nextSecond();
    // Another client changes the password: every FAST token issued before stops working.
    const other = await signInOtherClient(env.server, account, { uaId: randomUUID(), software: "Gajim" });
    await other.xmpp.send(
      xml("iq", { type: "set", to: env.server.domain, id: "pw" }, xml("query", { xmlns: "jabber:iq:register" }, xml("username", {}, account.jid.split("@")[0]!), xml("password", {}, `changed-${randomUUID()}`))),
    );
    await signOutOtherClient(other);

    const second = await launch(first);
    const result = await second.manager.signIn(signInWith(env.server, { jid: account.jid }));
    expect(result).toEqual({ ok: true, value: { status: "password-needed", jid: account.jid, reason: "token-rejected" } });
    expect(await second.keychain.get(`fast-token:${account.jid}`)).toEqual({ ok: true, value: null });
  });

  it("refuses a certificate that names another host, then accepts the one it saw once the user trusts it", async () => {
    const account = await newAccount(env.server.mismatchDomain);
    const presented = await presentedCertificate(env.server, env.server.mismatchDomain);
    const device = await launch();
    // Nothing was seen for this account yet: there is nothing to trust.
    expect(await device.manager.trustCertificate({ jid: account.jid })).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
    const refused = await device.manager.signIn(signInWith(env.server, account));
    expect(refused).toMatchObject({
      ok: false,
      error: { kind: "certificate", fingerprint256: presented.fingerprint256, subject: expect.stringContaining("wrong.example"), pinMismatch: false, caVerifiedBefore: false },
    });
    // The page sends a decision; the fingerprint pinned is the one the core itself saw.
    expect(await device.manager.trustCertificate({ jid: account.jid })).toEqual({ ok: true, value: null });
    expect(await device.manager.getAccountSecurity({ jid: account.jid })).toMatchObject({ ok: true, value: { pinnedFingerprints: [presented.fingerprint256] } });
    expect(await device.manager.signIn(signInWith(env.server, account))).toMatchObject({ ok: true, value: { status: "online" } });
    // A pin is not a CA: the account does not remember a CA-verified certificate.
    expect(await device.manager.getAccountSecurity({ jid: account.jid })).toMatchObject({ ok: true, value: { protections: expect.not.arrayContaining(["ca-verified-certificate"]) } });
    await device.manager.dispose();

    // The pin is checked on every later connection.
    const relaunched = await launch(device);
    expect(await relaunched.manager.signIn(signInWith(env.server, { jid: account.jid }))).toMatchObject({ ok: true, value: { status: "online" } });
    // Removed from the account's details, the pin no longer stands in for the CA.
    expect(await relaunched.manager.removePinnedCertificate({ jid: account.jid, fingerprint256: presented.fingerprint256 })).toEqual({ ok: true, value: null });
    await relaunched.manager.signOut({ jid: account.jid });
    expect(await relaunched.manager.signIn(signInWith(env.server, account))).toMatchObject({ ok: false, error: { kind: "certificate", pinMismatch: false } });
  });

  it("remembers what the server proved, and forgetting the server signs out and asks for the password again", async () => {
    const account = await newAccount();
    const device = await launch();
    expect(await device.manager.signIn(signInWith(env.server, account))).toMatchObject({ ok: true, value: { status: "online" } });
    expect(await device.manager.getAccountSecurity({ jid: account.jid })).toMatchObject({
      ok: true,
      value: { protections: expect.arrayContaining(["ca-verified-certificate", "scram", "channel-binding", "fast-channel-binding"]) },
    });
    expect(getAccount(device.settings, account.jid)?.protections).toContain("channel-binding");

    expect(await device.manager.forgetServer({ jid: account.jid })).toEqual({ ok: true, value: null });
    expect(await device.manager.getAccountSecurity({ jid: account.jid })).toEqual({ ok: true, value: { jid: account.jid, protections: [], pinnedFingerprints: [] } });
    expect(await stateOf(device.manager, account.jid)).toEqual({ status: "signed-out" });
    expect(await device.keychain.get(`fast-token:${account.jid}`)).toEqual({ ok: true, value: null });
    expect(await device.manager.signIn(signInWith(env.server, { jid: account.jid }))).toMatchObject({ ok: true, value: { status: "password-needed" } });
  });

  it("keeps this device's sign-in on a plain sign-out: continuing needs no password", async () => {
    const account = await newAccount();
    const device = await launch();
    await device.manager.signIn(signInWith(env.server, account));
    expect(await device.manager.signOut({ jid: account.jid })).toEqual({ ok: true, value: null });
    expect(await stateOf(device.manager, account.jid)).toEqual({ status: "signed-out", storedSignIn: true });
    expect(await device.manager.signIn({ jid: account.jid })).toMatchObject({ ok: true, value: { status: "online" } });
  });

  it("forgets this device's credentials on sign-out when asked", async () => {
    const account = await newAccount();
    const device = await launch();
    await device.manager.signIn(signInWith(env.server, account));
    expect((await device.keychain.get(`fast-token:${account.jid}`)).ok).toBe(true);
    expect(await device.keychain.get(`fast-token:${account.jid}`)).not.toEqual({ ok: true, value: null });
    expect(await device.manager.signOut({ jid: account.jid, forgetCredentials: true })).toEqual({ ok: true, value: null });
    expect(await stateOf(device.manager, account.jid)).toEqual({ status: "signed-out" });
    // Signed out on purpose: the next launch shows the account but does not sign it in.
    expect(getAccount(device.settings, account.jid)?.remember).toBe(false);
    expect(await device.keychain.get(`fast-token:${account.jid}`)).toEqual({ ok: true, value: null });
  });

  it("comes back online by itself when the server restarts, with the token", async () => {
    const account = await newAccount();
    const device = await launch();
    await device.manager.signIn(signInWith(env.server, account));
    const reconnecting = nextEvent(device.manager, "state-changed", stateIs("reconnecting"));
    const online = nextEvent(device.manager, "state-changed", stateIs("online"));
    // The list refreshes by itself, and shows this device back through its FAST token.
    const refreshed = nextList(device.manager, account.jid, (list) => list.clients.some((c) => c.isCurrent && c.authMethods.includes("fast")));
    await env.server.restart();
    await reconnecting;
    await online;
    expect((await refreshed).clients.find((c) => c.isCurrent)).toMatchObject({ connected: true });
  });
});
