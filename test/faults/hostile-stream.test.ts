// Faults: a hostile server at the stream level, played by a scripted XMPP server on 127.0.0.1
// (scripted-xmpp-server.ts) with the test's features, certificate and raw bytes. Each sign-in ends
// in a typed error the user can read, the process stays up, and the server received no credential:
// no password in any form, no SASL or SASL2 element, no resource binding, no request.
import { randomBytes, randomUUID, X509Certificate } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { installWarden, launchWarden, nextEvent, removeInstall, stateIs, stateOf, type Device } from "../integration/fixtures.js";
import { startTestServer, type TestServer } from "../server/prosody-test-server.js";
import { upsertAccount } from "../../src/core/settings/index.js";
import { MAX_STANZA_BYTES } from "../../src/core/xmpp/bounded-parser.js";
import type { AccountError, Protection, SignInResult } from "../../src/shared/index.js";
import { settleTick } from "./helpers.js";
import {
  credentialTraces,
  harnessCertificates,
  startScriptedServer,
  tracesIn,
  type Pem,
  type ScriptedPeer,
  type ScriptedServer,
  type Script,
} from "./scripted-xmpp-server.js";

const NS_SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
const STARTTLS = "<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>";
const BIND = "<bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>";
const mechanisms = (...names: string[]) => `<mechanisms xmlns='${NS_SASL}'>${names.map((name) => `<mechanism>${name}</mechanism>`).join("")}</mechanisms>`;
/** Longer than any second reconnect attempt waits (2 s ± 20 %): proves there was none. */
const NO_RETRY_WINDOW_MS = 3_000;

let dir: string;
let certificates: { caIssued: Pem; selfSigned: Pem };
const servers: ScriptedServer[] = [];
const devices: Device[] = [];
let faults: ReturnType<typeof spyOnProcessFaults>;

/** Uncaught exceptions and unhandled rejections until `stop()`: any of them means the process would have died or leaked. */
function spyOnProcessFaults(): { readonly seen: string[]; stop(): void } {
  const seen: string[] = [];
  const onException = (error: unknown) => seen.push(`uncaught exception: ${String(error)}`);
  const onRejection = (reason: unknown) => seen.push(`unhandled rejection: ${String(reason)}`);
  process.on("uncaughtException", onException);
  process.on("unhandledRejection", onRejection);
  return {
    seen,
    stop() {
      process.off("uncaughtException", onException);
      process.off("unhandledRejection", onRejection);
    },
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "warden-hostile-stream-"));
  certificates = await harnessCertificates(dir);
});

beforeEach(() => {
  faults = spyOnProcessFaults();
});

afterEach(async () => {
  await Promise.all(devices.splice(0).map(removeInstall));
  await Promise.all(servers.splice(0).map((server) => server.close()));
  faults.stop();
});

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function serve(tls: "starttls" | "direct", scripts: Script[], certificate: Pem = certificates.caIssued): Promise<ScriptedServer> {
  const server = await startScriptedServer({ tls, certificate, scripts });
  servers.push(server);
  return server;
}

interface Attempt {
  device: Device;
  jid: string;
  username: string;
  password: string;
  result: SignInResult;
}

/** A new Warden signs in to the harness, remembering `protections` for the account beforehand. */
async function signIn(server: ScriptedServer, tls: "starttls" | "direct", protections: Protection[] = []): Promise<Attempt> {
  const device = launchWarden(await installWarden());
  devices.push(device);
  const username = `user-${randomUUID().slice(0, 8)}`;
  const jid = `${username}@localhost`;
  const password = randomBytes(18).toString("base64url");
  if (protections.length > 0) upsertAccount(device.settings, jid, { protections });
  const result = await device.manager.signIn({ jid, password, remember: true, server: { host: "127.0.0.1", port: server.port, tls } });
  return { device, jid, username, password, result };
}

/** The scripts ran as written, nothing crashed, and no credential reached the server or the log. */
async function expectNothingLeaked(server: ScriptedServer, attempt: Attempt): Promise<void> {
  await server.settled();
  await settleTick();
  expect(server.failures).toEqual([]);
  expect(faults.seen).toEqual([]);
  expect(tracesIn(server.received(), credentialTraces(attempt.username, attempt.password))).toEqual([]);
  expect(attempt.device.log.filter((line) => line.includes(attempt.password))).toEqual([]);
}

/** What the client sent on a plaintext stream after its header: at most its closing tag. */
function afterHeader(plaintext: string): string {
  return plaintext.replace(/^<\?xml[^>]*\?>/, "").replace(/^<stream:stream\b[^>]*>/, "");
}

/** Plaintext stream offering STARTTLS, the handshake, then the restarted stream with `features`. */
async function afterStartTls(peer: ScriptedPeer, features: string): Promise<void> {
  await peer.openStream(STARTTLS);
  await peer.startTls();
  await peer.openStream(features);
}

function expectError(result: SignInResult, error: AccountError): void {
  expect(result).toEqual({ ok: false, error });
}

describe("what the server offers", () => {
  it("no <starttls/> on the STARTTLS port: insecure-stream, nothing after the stream header", async () => {
    const server = await serve("starttls", [
      async (peer) => {
        await peer.openStream(mechanisms("SCRAM-SHA-1", "PLAIN"));
        await peer.closedByClient();
      },
    ]);
    const attempt = await signIn(server, "starttls");
    expectError(attempt.result, { kind: "insecure-stream", reason: "no-encryption" });
    await expectNothingLeaked(server, attempt);
    const peer = await server.connection(0);
    expect(afterHeader(peer?.plaintext() ?? "")).toMatch(/^\s*(<\/stream:stream>)?\s*$/);
  });

  it("after TLS, only <bind/> (no SASL, no SASL2): insecure-stream, nothing bound", async () => {
    const server = await serve("starttls", [
      async (peer) => {
        await afterStartTls(peer, BIND);
        await peer.closedByClient();
      },
    ]);
    const attempt = await signIn(server, "starttls");
    expectError(attempt.result, { kind: "insecure-stream", reason: "no-authentication" });
    await expectNothingLeaked(server, attempt);
  });

  it("-PLUS stripped for an account that used channel binding: downgrade", async () => {
    const server = await serve("starttls", [
      async (peer) => {
        await afterStartTls(peer, mechanisms("SCRAM-SHA-1", "PLAIN"));
        await peer.closedByClient();
      },
    ]);
    const attempt = await signIn(server, "starttls", ["scram", "channel-binding"]);
    expectError(attempt.result, { kind: "downgrade", lost: ["channel-binding"] });
    await expectNothingLeaked(server, attempt);
  });

  it("only PLAIN for an account that used SCRAM: downgrade, the password never sent", async () => {
    const server = await serve("starttls", [
      async (peer) => {
        await afterStartTls(peer, mechanisms("PLAIN"));
        await peer.closedByClient();
      },
    ]);
    const attempt = await signIn(server, "starttls", ["scram"]);
    expectError(attempt.result, { kind: "downgrade", lost: ["scram"] });
    await expectNothingLeaked(server, attempt);
  });

  it("a self-signed certificate where a CA-verified one was before: refused, and cannot be trusted", async () => {
    const server = await serve(
      "direct",
      [
        async (peer) => {
          await peer.closedByClient();
        },
      ],
      certificates.selfSigned,
    );
    const attempt = await signIn(server, "direct", ["ca-verified-certificate"]);
    const presented = new X509Certificate(certificates.selfSigned.cert);
    expectError(attempt.result, {
      kind: "certificate",
      fingerprint256: presented.fingerprint256,
      subject: "CN=localhost",
      issuer: "CN=localhost",
      reason: "it is self-signed",
      pinMismatch: false,
      caVerifiedBefore: true,
    });
    expect(await attempt.device.manager.trustCertificate({ jid: attempt.jid })).toMatchObject({ ok: false });
    await expectNothingLeaked(server, attempt);
    expect((await server.connection(0))?.decrypted()).toBe("");
  });
});

type Stage = "before TLS" | "after STARTTLS" | "direct TLS";

/** Opens the stream (after TLS where the stage says so) with no features, sends `bytes`, waits for the client to leave. */
function hostileBytes(stage: Stage, bytes: () => string | Buffer): Script {
  return async (peer) => {
    if (stage === "after STARTTLS") {
      await peer.openStream(STARTTLS);
      await peer.startTls();
    }
    if (stage === "direct TLS") await peer.tlsReady();
    await peer.openStream();
    await peer.send(bytes());
    await peer.closedByClient();
  };
}

const transportOf = (stage: Stage) => (stage === "direct TLS" ? "direct" : "starttls");

/** The client answered with RFC 6120's bad-format stream error, on whichever layer it was. */
async function expectBadFormatSent(server: ScriptedServer): Promise<void> {
  const peer = await server.connection(0);
  expect(`${peer?.plaintext() ?? ""}${peer?.decrypted() ?? ""}`).toMatch(/<stream:error><bad-format xmlns=["']urn:ietf:params:xml:ns:xmpp-streams["']\/><\/stream:error>/);
}

describe("what the server sends", () => {
  it.each<Stage>(["before TLS", "after STARTTLS", "direct TLS"])("an undefined entity (&bogus;) %s: malformed-stream", async (stage) => {
    const server = await serve(transportOf(stage), [hostileBytes(stage, () => "<message><body>&bogus;</body></message>")]);
    const attempt = await signIn(server, transportOf(stage));
    expectError(attempt.result, { kind: "malformed-stream", reason: "not-well-formed", detail: "Illegal XML entity &bogus;" });
    await expectNothingLeaked(server, attempt);
    await expectBadFormatSent(server);
  });

  // 17 MiB in one text node: what follows the refusal at 16 MiB still arrives after the parser is
  // gone. ltx's cost for a text node grows with its square: seconds.
  it.each<Stage>(["before TLS", "direct TLS"])("a 17 MiB stanza %s: malformed-stream, too large", async (stage) => {
    const oversized = () => Buffer.concat([Buffer.from("<message><body>"), Buffer.alloc(17 * 1024 * 1024, "a"), Buffer.from("</body></message>")]);
    const server = await serve(transportOf(stage), [hostileBytes(stage, oversized)]);
    const attempt = await signIn(server, transportOf(stage));
    expectError(attempt.result, { kind: "malformed-stream", reason: "too-large", detail: `more than ${MAX_STANZA_BYTES} bytes without a complete stanza` });
    await expectNothingLeaked(server, attempt);
    await expectBadFormatSent(server);
  });
});

describe("a reconnect that offers less", () => {
  let prosody: TestServer | undefined;

  afterEach(async () => {
    await prosody?.stop();
    prosody = undefined;
  });

  it("signed in for real, then a reconnect without <starttls/>: error, no reconnect loop, nothing sent in the clear", async () => {
    prosody = await startTestServer();
    const account = await prosody.createAccount(`user-${randomUUID().slice(0, 8)}`);
    const target = prosody.starttlsPort;
    const server = await serve("starttls", [
      // The first connection is Prosody's, untouched (TLS end to end).
      (peer) => peer.proxyTo(target),
      // The reconnect is the attacker's: the same server, but offering no TLS.
      async (peer) => {
        await peer.openStream(mechanisms("SCRAM-SHA-1", "PLAIN"));
        await peer.closedByClient();
      },
    ]);
    const device = launchWarden(await installWarden());
    devices.push(device);
    const signedIn = await device.manager.signIn({ jid: account.jid, password: account.password, remember: true, server: { host: "127.0.0.1", port: server.port, tls: "starttls" } });
    expect(signedIn).toMatchObject({ ok: true, value: { status: "online" } });

    const reconnecting = nextEvent(device.manager, "state-changed", stateIs("reconnecting"));
    const failed = nextEvent(device.manager, "state-changed", stateIs("error"));
    (await server.connection(0))?.cut();
    await reconnecting;
    expect((await failed).state).toEqual({ status: "error", jid: account.jid, error: { kind: "insecure-stream", reason: "no-encryption" } });

    const hostile = await server.connection(1);
    await server.settled();
    expect(server.failures).toEqual([]);
    expect(afterHeader(hostile?.plaintext() ?? "")).toMatch(/^\s*(<\/stream:stream>)?\s*$/);
    const [username = ""] = account.jid.split("@");
    expect(tracesIn(hostile?.plaintext() ?? "", credentialTraces(username, account.password))).toEqual([]);

    // No further attempt: the error is final until the user acts.
    expect(await server.connection(2, NO_RETRY_WINDOW_MS)).toBeUndefined();
    expect(server.accepted).toBe(2);
    expect(await stateOf(device.manager, account.jid)).toMatchObject({ status: "error" });
    await settleTick();
    expect(faults.seen).toEqual([]);
  });
});
