import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../server/prosody-test-server.js";
import { installWarden, launchWarden, removeInstall, signInWith } from "../fixtures.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

describe("sign-in", () => {
  it("signs in with the password, then relaunches with the FAST token alone", async () => {
    const account = await server.createAccount("romeo");
    const install = await installWarden();
    const first = launchWarden(install);
    const signedIn = await first.manager.signIn(signInWith(server, account));
    expect(signedIn).toEqual({ ok: true, value: { status: "online", jid: account.jid, credentials: "keychain" } });
    const listed = await first.manager.listClients();
    expect(listed.ok && listed.value.clients.filter((c) => c.isCurrent)).toMatchObject([{ connected: true, userAgent: { software: "Warden" } }]);
    await first.manager.dispose();

    const second = launchWarden(install);
    const again = await second.manager.signIn(signInWith(server, { jid: account.jid }));
    expect(again).toMatchObject({ ok: true, value: { status: "online" } });
    const relisted = await second.manager.listClients();
    expect(relisted.ok && relisted.value.clients.filter((c) => c.isCurrent)).toMatchObject([{ connected: true, authMethods: expect.arrayContaining(["fast"]) }]);
    await removeInstall(second);
  });
});
