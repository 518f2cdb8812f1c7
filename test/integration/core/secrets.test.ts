import { randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { signInOtherClient, signOutOtherClient } from "../../server/other-client.js";
import { startTestServer, type TestServer } from "../../server/prosody-test-server.js";
import { installWarden, launchWarden, removeInstall, signInWith } from "../fixtures.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

it("writes no password and no token to its files, its log or its events", async () => {
  const account = await server.createAccount(`user-${randomUUID().slice(0, 8)}`);
  const device = launchWarden(await installWarden());
  const events: string[] = [];
  device.manager.on("state-changed", (state) => events.push(JSON.stringify(state)));
  device.manager.on("clients-changed", (list) => events.push(JSON.stringify(list)));
  const secrets = [account.password];
  const tokenOf = async () => {
    const stored = await device.keychain.get(`fast-token:${account.jid}`);
    if (!stored.ok || stored.value === null) throw new Error("no token stored");
    return (JSON.parse(stored.value) as { token: string }).token;
  };

  await device.manager.signIn(signInWith(server, account));
  secrets.push(await tokenOf());
  await server.createGrant(account.jid, { name: "Movim" });
  const phone = await signInOtherClient(server, account, { uaId: randomUUID(), software: "Conversations" });
  await signOutOtherClient(phone);
  const listed = await device.manager.listClients({ jid: account.jid });
  for (const client of listed.ok ? listed.value.clients.filter((c) => !c.isCurrent) : []) {
    await device.manager.revokeClient({ jid: account.jid, id: client.id });
  }
  const newPassword = `n3w-${randomUUID()}`;
  secrets.push(newPassword);
  expect(await device.manager.changePassword({ jid: account.jid, currentPassword: account.password, newPassword })).toMatchObject({ ok: true });
  secrets.push(await tokenOf());

  const written = await Promise.all((await filesUnder(device.settingsDir)).map((file) => readFile(file, "utf8")));
  expect(written.join("\n")).toContain(account.jid);
  expect(device.log.length).toBeGreaterThan(0);
  for (const secret of secrets) {
    for (const text of [...written, ...device.log, ...events]) expect(text.includes(secret)).toBe(false);
  }
  await removeInstall(device);
});
