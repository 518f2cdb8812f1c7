// Against the real OS keychain: on Linux, gnome-keyring's Secret Service in the D-Bus session the
// test runner starts (see shared/environment-notes.md, "OS keychain").
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createRequire } from "node:module";
import { fileURLToPath, pathToFileURL } from "node:url";
import { findCredentialsAsync } from "@napi-rs/keyring";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createFastTokenStore, fastTokenKey } from "../../../src/core/credentials/fast-token-store.js";
import type { FastToken } from "../../../src/core/credentials/fast-token-store.js";
import { createOsKeychain } from "../../../src/core/credentials/keychain.js";
import type { KeyringModule } from "../../../src/core/credentials/keychain.js";
import { createPasswordStore, passwordKey } from "../../../src/core/credentials/password-store.js";

const ROOT = resolve(fileURLToPath(new URL("../../..", import.meta.url)));
/** tsx's loader by URL: the child runs in an empty directory, where a bare "tsx" wouldn't resolve. */
const TSX_LOADER = pathToFileURL(createRequire(join(ROOT, "package.json")).resolve("tsx")).href;
/** One service name per run, so runs never see each other's entries. */
const SERVICE = `warden-test-${process.pid}-${randomUUID()}`;
const keychain = createOsKeychain(SERVICE);
const JID = "alice@example.org";

const token: FastToken = {
  mechanism: "HT-SHA-256-NONE",
  token: `tok-${randomUUID()}`,
  expiry: new Date(Date.now() + 14 * 86_400_000).toISOString(),
};

beforeAll(() => {
  if (process.platform === "linux" && !process.env.DBUS_SESSION_BUS_ADDRESS) {
    throw new Error(
      "No D-Bus session: run inside `dbus-run-session` with an unlocked gnome-keyring (shared/environment-notes.md, \"OS keychain\").",
    );
  }
});

afterAll(async () => {
  // Remove anything a failed test left behind, then check the service is empty.
  for (const { account } of await findCredentialsAsync(SERVICE)) await keychain.delete(account);
  expect(await findCredentialsAsync(SERVICE)).toEqual([]);
});

describe("OS keychain", () => {
  it("stores, reads back and deletes a secret", async () => {
    const key = `raw:${randomUUID()}`;
    const secret = `s3cret-${randomUUID()} with spaces, ünïcödé and "quotes"`;
    expect(await keychain.get(key)).toEqual({ ok: true, value: null });
    expect(await keychain.set(key, secret)).toEqual({ ok: true, value: null });
    expect(await keychain.get(key)).toEqual({ ok: true, value: secret });
    // Overwrite replaces, never duplicates.
    expect(await keychain.set(key, `${secret}-2`)).toEqual({ ok: true, value: null });
    expect(await keychain.get(key)).toEqual({ ok: true, value: `${secret}-2` });
    expect(await keychain.delete(key)).toEqual({ ok: true, value: true });
    expect(await keychain.delete(key)).toEqual({ ok: true, value: false });
    expect(await keychain.get(key)).toEqual({ ok: true, value: null });
  });

  it("keeps services apart", async () => {
    const other = createOsKeychain(`${SERVICE}-other`);
    const key = `raw:${randomUUID()}`;
    expect((await keychain.set(key, "mine")).ok).toBe(true);
    expect(await other.get(key)).toEqual({ ok: true, value: null });
    expect(await keychain.delete(key)).toEqual({ ok: true, value: true });
  });
});

describe("FAST token store", () => {
  const store = createFastTokenStore(keychain);

  it("round-trips the token @xmpp/client hands to saveToken, under fast-token:<bare jid>", async () => {
    expect(fastTokenKey("Alice@Example.org/laptop")).toBe("fast-token:alice@example.org");
    expect(await store.fetch(JID)).toEqual({ ok: true, value: null });
    expect(await store.save(`${JID}/laptop`, token)).toEqual({ ok: true, value: null });
    expect(await store.fetch("ALICE@example.org")).toEqual({ ok: true, value: token });
    const raw = await keychain.get(`fast-token:${JID}`);
    expect(raw.ok && JSON.parse(raw.value ?? "null")).toEqual(token);
    expect(await store.delete(JID)).toEqual({ ok: true, value: true });
    expect(await store.fetch(JID)).toEqual({ ok: true, value: null });
    expect(await store.delete(JID)).toEqual({ ok: true, value: false });
  });

  it("treats garbage as absent and deletes it", async () => {
    for (const garbage of ["{not json", "null", "[]", JSON.stringify({ mechanism: "X", token: "" }), JSON.stringify({ ...token, expiry: "soon" })]) {
      expect((await keychain.set(`fast-token:${JID}`, garbage)).ok).toBe(true);
      expect(await store.fetch(JID)).toEqual({ ok: true, value: null });
      expect(await keychain.get(`fast-token:${JID}`)).toEqual({ ok: true, value: null });
    }
  });

  it("refuses an invalid token or JID without touching the keychain, and never echoes the token", async () => {
    const bad = await store.save(JID, { ...token, expiry: undefined } as unknown as FastToken);
    expect(bad).toMatchObject({ ok: false, error: { kind: "invalid-credential" } });
    expect(JSON.stringify(bad)).not.toContain(token.token);
    expect(await store.save("no-domain", token)).toMatchObject({ ok: false, error: { kind: "invalid-credential" } });
    expect(await keychain.get(`fast-token:${JID}`)).toEqual({ ok: true, value: null });
  });
});

describe("password store", () => {
  const store = createPasswordStore(keychain);

  it("round-trips under password:<bare jid>", async () => {
    const password = `pw-${randomUUID()}`;
    expect(passwordKey("Alice@example.org/x")).toBe("password:alice@example.org");
    expect(await store.save(JID, password)).toEqual({ ok: true, value: null });
    expect(await keychain.get(`password:${JID}`)).toEqual({ ok: true, value: password });
    expect(await store.fetch(JID)).toEqual({ ok: true, value: password });
    // Separate from the token.
    expect(await createFastTokenStore(keychain).fetch(JID)).toEqual({ ok: true, value: null });
    expect(await store.delete(JID)).toEqual({ ok: true, value: true });
    expect(await store.fetch(JID)).toEqual({ ok: true, value: null });
    expect(await store.save(JID, "")).toMatchObject({ ok: false, error: { kind: "invalid-credential" } });
  });
});

describe("keychain errors", () => {
  it("turns a throw into keychain-unavailable without the secret", async () => {
    const secret = `leak-${randomUUID()}`;
    const throwing: KeyringModule = {
      AsyncEntry: class {
        constructor() {}
        async setPassword(value: string): Promise<void> {
          throw new Error(`backend refused ${value}`);
        }
        async getPassword(): Promise<string | null> {
          throw "not even an Error";
        }
        async deletePassword(): Promise<boolean> {
          throw new Error("locked");
        }
      } as unknown as KeyringModule["AsyncEntry"],
    };
    const broken = createOsKeychain(SERVICE, { loadModule: async () => throwing });
    const set = await broken.set("k", secret);
    expect(set).toMatchObject({ ok: false, error: { kind: "keychain-unavailable" } });
    expect(JSON.stringify(set)).not.toContain(secret);
    expect(await broken.get("k")).toMatchObject({ ok: false, error: { kind: "keychain-unavailable", detail: expect.stringContaining("not even an Error") } });
    expect(await broken.delete("k")).toMatchObject({ ok: false, error: { kind: "keychain-unavailable", detail: expect.stringContaining("locked") } });
  });

  it("turns a native module that won't load into keychain-unavailable", async () => {
    const broken = createOsKeychain(SERVICE, { loadModule: () => Promise.reject(new Error("no binary for this platform")) });
    expect(await broken.get("k")).toEqual({ ok: false, error: { kind: "keychain-unavailable", detail: 'get "k": no binary for this platform' } });
  });

  it("times out a keychain that never answers", async () => {
    const hanging = {
      AsyncEntry: class {
        getPassword(): Promise<string | null> {
          return new Promise(() => undefined);
        }
      },
    } as unknown as KeyringModule;
    const slow = createOsKeychain(SERVICE, { timeoutMs: 50, loadModule: async () => hanging });
    expect(await slow.get("k")).toMatchObject({ ok: false, error: { kind: "keychain-unavailable", detail: expect.stringContaining("50 ms") } });
  });
});

function filesUnder(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...filesUnder(path));
    else out.push(path);
  }
  return out;
}

describe("no Secret Service reachable", () => {
  // @napi-rs/keyring connects to the session bus on first use and keeps that connection for the
  // life of the process (changing DBUS_SESSION_BUS_ADDRESS afterwards has no effect), so the
  // unreachable bus is exercised in a child process that never had a good one.
  it("gives keychain-unavailable from every call, stores nothing and writes no file", async () => {
    const sandbox = mkdtempSync(join(tmpdir(), "warden-nokeychain-"));
    try {
      const dirs = ["home", "config", "data", "cache", "state", "runtime", "cwd"].map((name) => join(sandbox, name));
      for (const dir of dirs) mkdirSync(dir, { mode: 0o700 });
      const [home, config, data, cache, state, runtime, cwd] = dirs as [string, string, string, string, string, string, string];
      const secret = `pw-${randomUUID()}`;
      const script = `
        const { createOsKeychain } = await import(${JSON.stringify(join(ROOT, "src/core/credentials/keychain.ts"))});
        const { createFastTokenStore } = await import(${JSON.stringify(join(ROOT, "src/core/credentials/fast-token-store.ts"))});
        const { createPasswordStore } = await import(${JSON.stringify(join(ROOT, "src/core/credentials/password-store.ts"))});
        const keychain = createOsKeychain(process.env.SERVICE, { timeoutMs: 10000 });
        const secret = process.env.SECRET;
        const token = { mechanism: "HT-SHA-256-NONE", token: secret, expiry: new Date(Date.now() + 1e9).toISOString() };
        const results = {
          set: await keychain.set("raw", secret),
          get: await keychain.get("raw"),
          delete: await keychain.delete("raw"),
          saveToken: await createFastTokenStore(keychain).save("${JID}", token),
          fetchToken: await createFastTokenStore(keychain).fetch("${JID}"),
          deleteToken: await createFastTokenStore(keychain).delete("${JID}"),
          savePassword: await createPasswordStore(keychain).save("${JID}", secret),
          fetchPassword: await createPasswordStore(keychain).fetch("${JID}"),
        };
        process.stdout.write(JSON.stringify(results));
      `;
      const env: NodeJS.ProcessEnv = {
        PATH: process.env.PATH ?? "/usr/bin:/bin",
        DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(sandbox, "no-such-bus")}`,
        HOME: home,
        XDG_CONFIG_HOME: config,
        XDG_DATA_HOME: data,
        XDG_CACHE_HOME: cache,
        XDG_STATE_HOME: state,
        XDG_RUNTIME_DIR: runtime,
        SERVICE,
        SECRET: secret,
      };
      const child = spawnSync(process.execPath, ["--import", TSX_LOADER, "--input-type=module", "-e", script], {
        cwd,
        env,
        encoding: "utf8",
        timeout: 60_000,
      });
      expect(child.error).toBeUndefined();
      expect(child.stderr).not.toMatch(/Unhandled|at .*keychain\.ts/);
      expect(child.status, child.stderr).toBe(0);
      const results = JSON.parse(child.stdout) as Record<string, unknown>;
      expect(Object.keys(results)).toHaveLength(8);
      for (const [name, result] of Object.entries(results)) {
        expect(result, name).toEqual({ ok: false, error: { kind: "keychain-unavailable", detail: expect.any(String) } });
      }
      expect(child.stdout).not.toContain(secret);
      // No fallback: nothing written under HOME, XDG dirs or the working directory…
      expect(filesUnder(sandbox)).toEqual([]);
      // …and nothing reached the real keychain either.
      expect(await keychain.get("raw")).toEqual({ ok: true, value: null });
      expect(await createPasswordStore(keychain).fetch(JID)).toEqual({ ok: true, value: null });
    } finally {
      rmSync(sandbox, { recursive: true, force: true });
    }
  });
});
