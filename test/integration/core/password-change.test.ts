import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signInOtherClient } from "../../server/other-client.js";
import { nextSecond } from "../../server/server-clock.js";
import { serverAndDevices, signInWith, stateOf } from "../fixtures.js";

const env = serverAndDevices();

async function signedIn() {
  const account = await env.newAccount();
  const device = await env.launch();
  await device.manager.signIn(signInWith(env.server, account));
  return { account, device };
}

describe("password change", () => {
  it("closes other sessions, renews this device's token, reports the grants left, and relaunch works", async () => {
    const { account, device } = await signedIn();
    const phone = await signInOtherClient(env.server, account, { uaId: randomUUID(), software: "Conversations" });
    await env.server.createGrant(account.jid, { name: "Movim", id: "movim-web" });
    const newPassword = `n3w-${randomUUID()}`;
    await nextSecond();

    const result = await device.manager.changePassword({ jid: account.jid, currentPassword: account.password, newPassword });
    expect(result).toMatchObject({ ok: true, value: { tokenRenewed: true } });
    await phone.disconnected;
    expect(phone.streamErrors).toContain("reset: Password changed");

    const listed = await device.manager.listClients({ jid: account.jid });
    if (!listed.ok || !result.ok) throw new Error("list or change failed");
    // Whatever grants the server still lists are the ones reported (Prosody 13.0.1 voids them too).
    expect(result.value.remainingGrants.map((g) => g.id)).toEqual(listed.value.clients.filter((c) => c.kind === "access").map((c) => c.id));
    expect(listed.value.clients.filter((c) => c.userAgent.software === "Conversations")).toEqual([]);
    // What was cut off is what the next list no longer shows: the phone that knew the old password.
    expect(result.value.confirmed).toBe(true);
    expect(result.value.cutOff.map((c) => c.userAgent.software)).toContain("Conversations");
    expect(result.value.cutOff.some((c) => listed.value.clients.some((l) => l.id === c.id))).toBe(false);
    expect(listed.value.clients.find((c) => c.isCurrent)).toMatchObject({ connected: true });

    await device.manager.dispose();
    const relaunched = await env.launch(device);
    expect(await relaunched.manager.signIn(signInWith(env.server, { jid: account.jid }))).toMatchObject({ ok: true, value: { status: "online" } });
    await expect(signInOtherClient(env.server, account, { uaId: randomUUID() })).rejects.toThrow();
  });

  it("refuses an empty password or the current one before sending anything", async () => {
    const { account, device } = await signedIn();
    expect(await device.manager.changePassword({ jid: account.jid, currentPassword: account.password, newPassword: "" })).toEqual({ ok: false, error: { kind: "empty-password" } });
    expect(await device.manager.changePassword({ jid: account.jid, currentPassword: account.password, newPassword: account.password })).toEqual({
      ok: false,
      error: { kind: "same-as-current" },
    });
    const stillValid = await signInOtherClient(env.server, account, { uaId: randomUUID() });
    await stillValid.xmpp.stop();
  });

  it("proves the current password first: a wrong one changes nothing, sends no change, and says so", async () => {
    const { account, device } = await signedIn();
    const newPassword = `n3w-${randomUUID()}`;
    expect(await device.manager.changePassword({ jid: account.jid, currentPassword: `wrong-${randomUUID()}`, newPassword })).toEqual({
      ok: false,
      error: { kind: "wrong-current-password" },
    });
    // The old password still signs in, the new one does not, and this device is still online.
    const old = await signInOtherClient(env.server, account, { uaId: randomUUID() });
    await old.xmpp.stop();
    await expect(signInOtherClient(env.server, { jid: account.jid, password: newPassword }, { uaId: randomUUID() })).rejects.toThrow();
    expect(await stateOf(device.manager, account.jid)).toMatchObject({ status: "online" });
    expect(await device.manager.listClients({ jid: account.jid })).toMatchObject({ ok: true });
  });

  it("passes on the server's refusal", async () => {
    const { account, device } = await signedIn();
    expect(await device.manager.changePassword({ jid: account.jid, currentPassword: account.password, newPassword: "short" })).toMatchObject({
      ok: false,
      error: { kind: "refused", condition: "not-acceptable", text: expect.stringContaining("too short") },
    });
  });
});
