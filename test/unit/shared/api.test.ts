import { expect, it } from "vitest";
import { createClientManager } from "../../../src/core/client-manager.js";
import { createMemoryKeychain } from "../../../src/core/credentials/index.js";
import { createMemorySettingsStore } from "../../../src/core/settings/index.js";
import { CLIENT_MANAGER_METHODS, METHOD_ARGUMENT_SCHEMAS } from "../../../src/shared/index.js";

it("lists every API method once, with an argument schema each (in-memory stores)", () => {
  const manager = createClientManager({ settings: createMemorySettingsStore(), keychain: createMemoryKeychain(), log: () => undefined });
  const methods = Object.keys(manager).filter((key) => key !== "on" && key !== "dispose");
  expect([...CLIENT_MANAGER_METHODS].sort()).toEqual(methods.sort());
  expect(Object.keys(METHOD_ARGUMENT_SCHEMAS).sort()).toEqual(methods.sort());
});

it("answers bad input with a typed error, not a throw (in-memory stores)", async () => {
  const manager = createClientManager({ settings: createMemorySettingsStore(), keychain: createMemoryKeychain(), log: () => undefined });
  const bad: unknown[] = [undefined, null, 42, "x", { jid: 7 }, { jid: "a@b", password: "" }, { jid: "a@b", server: { host: "h", port: 0, tls: "starttls" } }];
  for (const input of bad) {
    expect(await manager.signIn(input as never)).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
  }
  expect(await manager.revokeClient({ id: "" })).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
  expect(await manager.revokeClient({ id: "client/x" })).toEqual({ ok: false, error: { kind: "not-signed-in" } });
  expect(await manager.trustCertificate({ jid: 7 } as never)).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
  // Nothing was presented by a sign-in, so there is nothing to trust.
  expect(await manager.trustCertificate({ jid: "a@b.c" })).toMatchObject({ ok: false });
  expect(await manager.getAccountSecurity({ jid: "" })).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
  expect(await manager.removePinnedCertificate({ jid: "a@b.c", fingerprint256: "nope" })).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
  expect(await manager.forgetServer({} as never)).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
  expect(await manager.listClients()).toEqual({ ok: false, error: { kind: "not-signed-in" } });
  expect(await manager.signIn({ jid: "no-at-sign", password: "p", remember: false })).toMatchObject({ ok: false, error: { kind: "invalid-jid" } });
});
