import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../../server/prosody-test-server.js";

const ROOT = join(import.meta.dirname, "../../..");
const TSX_LOADER = pathToFileURL(createRequire(join(ROOT, "package.json")).resolve("tsx")).href;

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

// The keychain library binds to the session bus once per process, so the unreachable keychain is a
// child process started with a bus address where nothing listens.
it("signs in without a keychain, says nothing will be remembered, and writes no secret", async () => {
  const account = await server.createAccount(`user-${randomUUID().slice(0, 8)}`);
  const sandbox = mkdtempSync(join(tmpdir(), "warden-nokeychain-"));
  try {
    const script = `
      const { createClientManager } = await import(${JSON.stringify(join(ROOT, "src/core/client-manager.ts"))});
      const { createOsKeychain } = await import(${JSON.stringify(join(ROOT, "src/core/credentials/index.ts"))});
      const { createConfSettingsStore } = await import(${JSON.stringify(join(ROOT, "src/core/settings/index.ts"))});
      const { createFileRecordsBeside } = await import(${JSON.stringify(join(ROOT, "src/core/records/file-records.ts"))});
      const settings = createConfSettingsStore({ cwd: process.env.SETTINGS_DIR });
      const manager = createClientManager({
        settings,
        keychain: createOsKeychain("warden-test-${randomUUID()}", { timeoutMs: 10000 }),
        records: createFileRecordsBeside(settings.location),
      });
      const server = JSON.parse(process.env.SERVER);
      const signIn = await manager.signIn({ jid: process.env.JID, password: process.env.PASSWORD, remember: true, server });
      const list = await manager.listClients({ jid: process.env.JID });
      await manager.dispose();
      process.stdout.write(JSON.stringify({ signIn, listed: list.ok }));
    `;
    const child = spawnSync(process.execPath, ["--import", TSX_LOADER, "--input-type=module", "-e", script], {
      cwd: sandbox,
      encoding: "utf8",
      timeout: 60_000,
      env: {
        PATH: process.env.PATH,
        HOME: sandbox,
        NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS,
        DBUS_SESSION_BUS_ADDRESS: `unix:path=${join(sandbox, "no-such-bus")}`,
        SETTINGS_DIR: join(sandbox, "settings"),
        SERVER: JSON.stringify({ host: server.host, port: server.starttlsPort, tls: "starttls" }),
        JID: account.jid,
        PASSWORD: account.password,
      },
    });
    expect(child.status, child.stderr).toBe(0);
    expect(JSON.parse(child.stdout)).toEqual({
      signIn: { ok: true, value: { status: "online", jid: account.jid, credentials: "unavailable" } },
      listed: true,
    });
    const written = readdirSync(sandbox, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => readFileSync(join(entry.parentPath, entry.name), "utf8"));
    expect(written.length).toBeGreaterThan(0);
    for (const text of [...written, child.stdout, child.stderr]) expect(text.includes(account.password)).toBe(false);
  } finally {
    rmSync(sandbox, { recursive: true, force: true });
  }
});
