import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { ActivityEntry } from "../../../src/shared/activity.js";
import { ONLY_THIS_DEVICE_STEPS, type OnlyThisDeviceProgress } from "../../../src/shared/only-this-device.js";
import { signInOtherClient } from "../../server/other-client.js";
import { rawListIds } from "../../server/raw-client-list.js";
import { nextSecond } from "../../server/server-clock.js";
import { serverAndDevices, signInWith, stateOf, type Device } from "../fixtures.js";

const env = serverAndDevices();

async function signedIn() {
  const account = await env.newAccount();
  const device = await env.launch();
  expect(await device.manager.signIn(signInWith(env.server, account))).toMatchObject({ ok: true, value: { status: "online" } });
  return { account, device };
}

/** This device's own entry, as its latest list names it. */
async function ownId(device: Device, jid: string): Promise<string> {
  const listed = await device.manager.listClients({ jid });
  const own = listed.ok ? listed.value.clients.find((client) => client.isCurrent) : undefined;
  if (!own) throw new Error("this device is not listed");
  return own.id;
}

async function activityOf(device: Device, jid: string): Promise<ActivityEntry[]> {
  const result = await device.manager.getActivity({ jid });
  if (!result.ok) throw new Error(`getActivity failed: ${result.error.kind}`);
  return result.value.entries;
}

/** Every progress the flow announced, in order. */
function progressLog(device: Device, jid: string): OnlyThisDeviceProgress[] {
  const seen: OnlyThisDeviceProgress[] = [];
  device.manager.on("only-this-device-changed", (event) => {
    if (event.jid === jid && event.progress) seen.push(event.progress);
  });
  return seen;
}

/** Everything the install wrote to disk (settings and records) holds neither password. */
async function expectNoPasswordOnDisk(device: Device, passwords: string[]): Promise<void> {
  const files = (await readdir(device.settingsDir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile());
  expect(files.length).toBeGreaterThan(0);
  for (const file of files) {
    const text = await readFile(join(file.parentPath, file.name), "utf8");
    for (const password of passwords) expect(text.includes(password), `${file.name} holds a password`).toBe(false);
  }
}

/** An independent client signed in with `password`: the ids the server lists, its own left out. */
async function listedByRawClient(jid: string, password: string): Promise<string[]> {
  const uaId = randomUUID();
  const raw = await signInOtherClient(env.server, { jid, password }, { uaId, software: "raw check" });
  try {
    return (await rawListIds(raw)).filter((id) => id !== `client/${uaId}`);
  } finally {
    await raw.xmpp.stop();
  }
}

describe("only this device keeps access", () => {
  it("changes the password, removes every other way in, and an independent client's list shows this device alone", async () => {
    const { account, device } = await signedIn();
    const phone = await signInOtherClient(env.server, account, { uaId: randomUUID(), software: "Conversations" });
    const laptop = await signInOtherClient(env.server, account, { uaId: randomUUID(), software: "Gajim" });
    await laptop.xmpp.stop();
    await env.server.createGrant(account.jid, { name: "Movim", id: "movim-web" });
    const before = await device.manager.listClients({ jid: account.jid });
    expect(before.ok && before.value.clients.length).toBe(4);
    const own = await ownId(device, account.jid);
    // Prosody stamps in whole seconds: a sign-in in the second of the change would keep its access.
    await nextSecond();
    const announced = progressLog(device, account.jid);
    const newPassword = `n3w-${randomUUID()}`;

    const result = await device.manager.startOnlyThisDevice({ jid: account.jid, currentPassword: account.password, newPassword });

    expect(result).toMatchObject({ ok: true, value: { done: [...ONLY_THIS_DEVICE_STEPS], result: { verified: true, remaining: [] } } });
    expect(result.ok && result.value.stopped).toBeUndefined();
    // Kept after every step, before the next began.
    for (let i = 1; i <= ONLY_THIS_DEVICE_STEPS.length; i++) {
      expect(announced.map((p) => p.done)).toContainEqual(ONLY_THIS_DEVICE_STEPS.slice(0, i));
    }
    await phone.disconnected;
    expect(phone.streamErrors).toContain("reset: Password changed");

    expect(await listedByRawClient(account.jid, newPassword)).toEqual([own]);
    await expect(signInOtherClient(env.server, account, { uaId: randomUUID() })).rejects.toThrow();
    expect(await stateOf(device.manager, account.jid)).toMatchObject({ status: "online" });

    const activity = await activityOf(device, account.jid);
    expect(activity.filter((e) => e.kind === "password-changed")).toHaveLength(1);
    const revoked = activity.filter((e) => e.kind === "revoked");
    expect(revoked.every((e) => e.by === "only-this-device")).toBe(true);
    expect(revoked.map((e) => e.kind === "revoked" && e.client.id)).toEqual(result.ok ? result.value.revoked.map((r) => r.client.id) : []);
    expect(activity.at(-1)).toMatchObject({ kind: "only-this-device", verified: true, remaining: [] });
    const state = await device.manager.getState();
    expect(state.ok && state.value.accounts.find((a) => a.jid === account.jid)?.onlyThisDevice?.result).toEqual({ verified: true, remaining: [] });
    await expectNoPasswordOnDisk(device, [account.password, newPassword]);
  });

  it("resumes after the app closed between the password change and the new token, and finishes", async () => {
    const { account, device } = await signedIn();
    const own = await ownId(device, account.jid);
    await nextSecond();
    const newPassword = `n3w-${randomUUID()}`;
    // The app closes the moment the password change is kept: before this device signs in again.
    let closing: Promise<void> | undefined;
    device.manager.on("only-this-device-changed", (event) => {
      if (event.progress?.done.includes("change-password")) closing ??= device.manager.dispose();
    });

    const stopped = await device.manager.startOnlyThisDevice({ jid: account.jid, currentPassword: account.password, newPassword });
    await closing;
    expect(stopped).toMatchObject({ ok: true, value: { done: ["check-password", "change-password"], stopped: { step: "sign-in-again" } } });

    const relaunched = await env.launch(device);
    // The stored token was voided by the change: only the new password signs in.
    expect(await relaunched.manager.signIn(signInWith(env.server, { jid: account.jid }))).toMatchObject({ ok: true, value: { status: "password-needed" } });
    const stateAfter = await relaunched.manager.getState();
    expect(stateAfter.ok && stateAfter.value.accounts[0]?.onlyThisDevice?.done).toEqual(["check-password", "change-password"]);
    expect(await relaunched.manager.continueOnlyThisDevice({ jid: account.jid })).toEqual({ ok: false, error: { kind: "not-signed-in" } });
    expect(await relaunched.manager.signIn(signInWith(env.server, { jid: account.jid, password: newPassword }))).toMatchObject({
      ok: true,
      value: { status: "online" },
    });
    // Something the change did not cut off, made after it: an app given access with the new password.
    await env.server.createGrant(account.jid, { name: "Movim", id: "movim-after" });
    expect(await relaunched.manager.startOnlyThisDevice({ jid: account.jid, currentPassword: newPassword, newPassword: `other-${randomUUID()}` })).toEqual({
      ok: false,
      error: { kind: "already-running" },
    });

    const finished = await relaunched.manager.continueOnlyThisDevice({ jid: account.jid });

    expect(finished).toMatchObject({ ok: true, value: { done: [...ONLY_THIS_DEVICE_STEPS], result: { verified: true, remaining: [] } } });
    expect(finished.ok && finished.value.stopped).toBeUndefined();
    expect(finished.ok && finished.value.revoked.map((r) => [r.client.kind, r.result])).toEqual([["access", { ok: true, value: { outcome: "gone", removed: ["grant"] } }]]);
    expect(await relaunched.manager.continueOnlyThisDevice({ jid: account.jid })).toEqual({ ok: false, error: { kind: "no-flow" } });
    expect(await listedByRawClient(account.jid, newPassword)).toEqual([own]);

    const activity = await activityOf(relaunched, account.jid);
    expect(activity.filter((e) => e.kind === "password-changed")).toHaveLength(1);
    expect(activity.filter((e) => e.kind === "revoked")).toMatchObject([{ by: "only-this-device", client: { kind: "access" } }]);
    expect(activity.at(-1)).toMatchObject({ kind: "only-this-device", verified: true });
    await expectNoPasswordOnDisk(relaunched, [account.password, newPassword]);
  });

  it("with a wrong current password changes nothing, keeps no progress and records no password change", async () => {
    const { account, device } = await signedIn();
    const announced = progressLog(device, account.jid);
    const newPassword = `n3w-${randomUUID()}`;

    expect(await device.manager.startOnlyThisDevice({ jid: account.jid, currentPassword: `wrong-${randomUUID()}`, newPassword })).toEqual({
      ok: false,
      error: { kind: "wrong-current-password" },
    });

    const old = await signInOtherClient(env.server, account, { uaId: randomUUID() });
    await old.xmpp.stop();
    await expect(signInOtherClient(env.server, { jid: account.jid, password: newPassword }, { uaId: randomUUID() })).rejects.toThrow();
    expect(await stateOf(device.manager, account.jid)).toMatchObject({ status: "online" });
    expect(announced).toEqual([]);
    const state = await device.manager.getState();
    expect(state.ok && state.value.accounts[0]?.onlyThisDevice).toBeUndefined();
    expect((await activityOf(device, account.jid)).filter((e) => e.kind === "password-changed")).toEqual([]);
    expect(await device.manager.continueOnlyThisDevice({ jid: account.jid })).toEqual({ ok: false, error: { kind: "no-flow" } });
    await expectNoPasswordOnDisk(device, [account.password, newPassword]);
  });
});
