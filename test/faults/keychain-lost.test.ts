// Fault: the keychain (Secret Service) dies mid-session. @napi-rs/keyring binds to the D-Bus session
// once per process, so the scenario runs in a child under its own dbus-run-session (no service
// activation, so nothing restarts the daemon) with its own gnome-keyring-daemon, which it kills.
// The user sees the session carry on (reconnect, list, password change) and the state say
// credentials can't be saved; nothing is written in plaintext (token, old and new password).
import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../server/prosody-test-server.js";
import { filesContaining } from "./helpers.js";

const ROOT = join(import.meta.dirname, "../..");
const TSX_LOADER = pathToFileURL(createRequire(join(ROOT, "package.json")).resolve("tsx")).href;

const BUS_CONFIG = `<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir=/tmp</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`;

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

type Step = { step: string; [key: string]: unknown };

it("keeps the session when the keychain dies mid-session, says credentials can't be saved, writes no secret", async () => {
  const account = await server.createAccount(`user-${randomUUID().slice(0, 8)}`);
  const newPassword = `new-${randomUUID()}`;
  const sandbox = mkdtempSync(join(tmpdir(), "warden-keychain-lost-"));
  const runtimeDir = join(sandbox, "run");
  mkdirSync(runtimeDir, { mode: 0o700 });
  writeFileSync(join(sandbox, "bus.conf"), BUS_CONFIG);
  writeFileSync(join(sandbox, "unlock"), "\n");
  // The daemon in the foreground, so that $! is its pid; its password (empty) from a file.
  const wrapper = [
    `gnome-keyring-daemon --foreground --unlock --components=secrets < ${JSON.stringify(join(sandbox, "unlock"))} >/dev/null 2>&1 &`,
    "export KEYRING_PID=$!",
    `exec ${JSON.stringify(process.execPath)} --import ${JSON.stringify(TSX_LOADER)} ${JSON.stringify(join(ROOT, "test/faults/keychain-lost.child.ts"))}`,
  ].join("\n");
  const child = spawn("dbus-run-session", [`--config-file=${join(sandbox, "bus.conf")}`, "--", "bash", "-c", wrapper], {
    cwd: sandbox,
    env: {
      PATH: process.env.PATH,
      HOME: sandbox,
      XDG_RUNTIME_DIR: runtimeDir,
      XDG_DATA_HOME: join(sandbox, "data"),
      XDG_CONFIG_HOME: join(sandbox, "config"),
      NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS,
      SETTINGS_DIR: join(sandbox, "settings"),
      SERVICE: `warden-test-${randomUUID()}`,
      SERVER: JSON.stringify({ host: server.host, port: server.starttlsPort, tls: "starttls" }),
      JID: account.jid,
      PASSWORD: account.password,
      NEW_PASSWORD: newPassword,
    },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const steps: Record<string, Step> = {};
  let stdout = "";
  try {
    for await (const line of createInterface({ input: child.stdout })) {
      stdout += `${line}\n`;
      const step = JSON.parse(line) as Step;
      steps[step.step] = step;
      if (step.step === "restart-server") {
        await server.restart();
        child.stdin.write("go\n");
      }
    }
    expect(await exited, stderr).toBe(0);

    expect(steps["signed-in"]?.signIn).toEqual({ ok: true, value: { status: "online", jid: account.jid, credentials: "keychain" } });
    const token = steps["signed-in"]?.token;
    expect(typeof token).toBe("string");
    expect(steps["keyring-gone"]?.error).toBe("keychain-unavailable");

    // Reconnected with the FAST token held in memory. A successful FAST sign-in asks for no new
    // token (@xmpp/client 0.14 requests one only when it has none), so nothing was saved and the
    // state still says "keychain": true of the token already stored, and nothing failed yet.
    expect(steps.reconnected).toMatchObject({ listed: true, current: { status: "online", jid: account.jid, credentials: "keychain" } });

    // The password change needs a new token, whose save fails: the session continues, and the state
    // now says credentials can't be saved.
    console.info(`[keychain lost] password change: ${JSON.stringify(steps["password-changed"]?.changed)}`);
    expect(steps["password-changed"]).toMatchObject({ listed: true, current: { status: "online", credentials: "unavailable" } });
    expect(steps["password-changed"]?.changed).toMatchObject({ ok: true, value: { tokenRenewed: false } });

    // No secret in any file but the keyring's own (which holds the first token, as it should).
    const secrets = [token as string, account.password, newPassword];
    expect(filesContaining(sandbox, secrets, [join(sandbox, "data", "keyrings")])).toEqual([]);
    for (const text of [stdout.replace(token as string, ""), stderr]) {
      for (const secret of [account.password, newPassword]) expect(text.includes(secret)).toBe(false);
    }
  } finally {
    child.kill("SIGKILL");
    rmSync(sandbox, { recursive: true, force: true });
  }
});
