// What Warden's SASL layer proves against a real Prosody 13: FAST tokens bound to the TLS
// connection (HT-SHA-256-EXPR), an older unbound token upgrading itself, and XEP-0474's signed
// mechanism list (mod_sasl_ssdp), remembered and then required.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createFastTokenStore } from "../../../src/core/credentials/fast-token-store.js";
import { ensureClientId, getAccount, upsertAccount } from "../../../src/core/settings/index.js";
import { signInOtherClient, signOutOtherClient } from "../../server/other-client.js";
import { serverAndDevices, signInWith, type Device } from "../fixtures.js";

const env = serverAndDevices();
const { launch, newAccount } = env;
const localpart = (jid: string) => jid.slice(0, jid.indexOf("@"));

/** The mechanism of the token this device keeps for `jid` (never the token itself). */
async function storedTokenMechanism(device: Device, jid: string): Promise<string | undefined> {
  const stored = await createFastTokenStore(device.keychain).fetch(jid);
  return stored.ok ? stored.value?.mechanism : undefined;
}

/** Prosody's own log (debug level): what the server saw of each sign-in. */
async function serverLog(): Promise<string> {
  return readFile(join(env.server.dataDir, "prosody.log"), "utf8");
}

describe("FAST bound to the TLS connection", () => {
  it("keeps an HT-SHA-256-EXPR token after a password sign-in, and the relaunch signs in with it", async () => {
    const account = await newAccount();
    const first = await launch();
    expect(await first.manager.signIn(signInWith(env.server, account))).toMatchObject({ ok: true, value: { status: "online", credentials: "keychain" } });
    expect(await storedTokenMechanism(first, account.jid)).toBe("HT-SHA-256-EXPR");
    await first.manager.dispose();

    const second = await launch(first);
    expect(await second.manager.signIn(signInWith(env.server, { jid: account.jid }))).toMatchObject({ ok: true, value: { status: "online" } });
    expect(second.log).toContainEqual(expect.stringContaining("signing in with the FAST token"));
    // The server looked the token up as an EXPR token, i.e. checked it against this connection's exporter.
    expect(await serverLog()).toContain(`Looking for HT-SHA-256-EXPR token ${localpart(account.jid)}/`);
    expect(await storedTokenMechanism(second, account.jid)).toBe("HT-SHA-256-EXPR");
  });

  it("signs in with an older HT-SHA-256-NONE token and comes away with an EXPR one", async () => {
    const account = await newAccount();
    const device = await launch();
    // A NONE token for this install's client id, as an earlier Warden (plain @xmpp/client FAST) was given.
    const earlier = await signInOtherClient(env.server, account, { uaId: ensureClientId(device.settings), software: "Warden" });
    const noneToken = earlier.fastToken;
    await signOutOtherClient(earlier);
    expect(noneToken?.mechanism).toBe("HT-SHA-256-NONE");
    expect((await createFastTokenStore(device.keychain).save(account.jid, noneToken!)).ok).toBe(true);

    expect(await device.manager.signIn(signInWith(env.server, { jid: account.jid }))).toMatchObject({ ok: true, value: { status: "online" } });
    expect(await storedTokenMechanism(device, account.jid)).toBe("HT-SHA-256-EXPR");
    await device.manager.dispose();

    // The new token works on its own.
    const relaunched = await launch(device);
    expect(await relaunched.manager.signIn(signInWith(env.server, { jid: account.jid }))).toMatchObject({ ok: true, value: { status: "online" } });
    expect(await storedTokenMechanism(relaunched, account.jid)).toBe("HT-SHA-256-EXPR");
  });
});

describe("XEP-0474 downgrade protection", () => {
  // Depends on the session storing what onAuthenticated reports in the account's settings.
  it("checks the signed mechanism list of a server that sends one, and remembers it", async () => {
    const account = await newAccount(env.server.ssdpDomain);
    const device = await launch();
    expect(await device.manager.signIn(signInWith(env.server, account))).toMatchObject({ ok: true, value: { status: "online" } });
    expect(await serverLog()).toContain("Calculated SSDP string");
    expect(getAccount(device.settings, account.jid)?.protections).toContain("downgrade-protection");
  });

  // Depends on sign-in-errors.ts mapping DowngradeError to { kind: "downgrade", lost }.
  it("refuses to finish a password sign-in when a server that signed its list before stops signing it", async () => {
    const account = await newAccount();
    const device = await launch();
    // As if this account's server had signed its list before: this vhost does not.
    upsertAccount(device.settings, account.jid, { protections: ["scram", "downgrade-protection"] });
    expect(await device.manager.signIn(signInWith(env.server, account))).toEqual({
      ok: false,
      error: { kind: "downgrade", lost: ["downgrade-protection"] },
    });
    expect(await device.keychain.get(`fast-token:${account.jid}`)).toEqual({ ok: true, value: null });
  });
});
