import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../server/prosody-test-server.js";
import { installWarden, launchWarden, removeInstall, signInWith, stateOf } from "../fixtures.js";

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

// @xmpp/client's iqCaller leaks an unhandled rejection when an error reply beats send(), which is
// the rule on loopback; Warden's requests must not. A revoke lists first, so on a server without
// the module each revoke draws two error replies (service-unavailable, one per namespace).
it("takes hundreds of error replies without an unhandled rejection", async () => {
  const account = await server.createAccount(`user-${randomUUID().slice(0, 8)}`, server.noModuleDomain);
  const device = launchWarden(await installWarden());
  await device.manager.signIn(signInWith(server, account));
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  process.on("unhandledRejection", onUnhandled);
  try {
    for (let batch = 0; batch < 6; batch += 1) {
      const results = await Promise.all(Array.from({ length: 50 }, (_, i) => device.manager.revokeClient({ jid: account.jid, id: `client/gone-${batch}-${i}` })));
      expect(results.every((r) => !r.ok && r.error.kind === "unsupported")).toBe(true);
    }
    // A tick for any stray rejection to surface before looking.
    await new Promise((resolve) => setImmediate(resolve));
    expect(unhandled).toEqual([]);
    expect(await stateOf(device.manager, account.jid)).toMatchObject({ status: "online" });
  } finally {
    process.off("unhandledRejection", onUnhandled);
    await removeInstall(device);
  }
});
