// Starts a real Prosody 13 for integration tests: own temp dir, free loopback
// ports, run-time certificates, and the manage-clients test module.
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { createServer, connect } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  createCertificateAuthority,
  existingCertificateAuthority,
  issueLeafCertificate,
  readPem,
  type CertificateAuthority,
} from "./certificates.js";

export interface TestServerOptions {
  /** Nagle's algorithm on sockets; default: Prosody's default (on). */
  nagle?: boolean;
}

export interface TestServer {
  readonly host: string;
  readonly starttlsPort: number;
  readonly directTlsPort: number;
  readonly domain: string;
  readonly camDomain: string;
  /** Serves neither manage-clients nor PEP (private storage). */
  readonly noModuleDomain: string;
  readonly mismatchDomain: string;
  /** Serves manage-clients with malformed list replies a test chooses per user (`setHostileReply`). */
  readonly hostileDomain: string;
  /** Like `domain`, and signs its SASL mechanism list in SCRAM (XEP-0474, mod_sasl_ssdp). */
  readonly ssdpDomain: string;
  readonly caCertPem: string;
  readonly dataDir: string;
  /**
   * Prosody's c2s_close_timeout, set explicitly to its default: how long a session the server
   * closed without a stream error stays (listed as connected) when the client does not answer the close.
   */
  readonly closeTimeoutSeconds: number;
  createAccount(localpart: string, domain?: string, password?: string): Promise<{ jid: string; password: string }>;
  setRole(jid: string, role: string): Promise<void>;
  createGrant(jid: string, client: OAuthClient): Promise<void>;
  /** A grant like `createGrant` and a token for it, to sign in with OAUTHBEARER. The token is a secret: never print it. */
  createGrantToken(jid: string, client: OAuthClient): Promise<string>;
  shell(command: string): Promise<string>;
  /** Stops Prosody; `{ signal: "SIGKILL" }` kills it without a goodbye (no stream close, no storage flush). */
  restart(options?: { signal?: "SIGTERM" | "SIGKILL" }): Promise<void>;
  /** Freezes the process (SIGSTOP): sockets stay open, nothing is answered. Resolves once it is stopped. */
  pause(): Promise<void>;
  /** Thaws a paused process (SIGCONT). */
  resume(): Promise<void>;
  /** The process id, e.g. to look at its memory. */
  readonly pid: number | undefined;
  /** Revoke requests the manage-clients test module received for this account since start (per process). */
  revokeRequests(jid: string): Promise<number>;
  /** The list reply for this account on `hostileDomain`: a mode of mod_test_client_management, or undefined for normal. */
  setHostileReply(jid: string, mode: HostileReply | undefined, n?: number): Promise<void>;
  /**
   * Demo only: moves a stored client's first and last seen into the past. `clientId` is the
   * user-agent id it signed in with over SASL2; what gives it access is left as it was.
   */
  setSeenTimes(jid: string, clientId: string, seen: { firstSeen: Date; lastSeen: Date }): Promise<void>;
  /**
   * Moves the grants of the OAuth client named `software` into the past: made at `firstSeen`, last
   * used at `lastSeen`. Prosody drops a grant made before the last password change, so the
   * account's last password change moves back to `firstSeen` as well, as on an account that old.
   * Use a grant with a token (`createGrantToken`): Prosody drops a tokenless one unused for two weeks.
   */
  setGrantSeenTimes(jid: string, software: string, seen: { firstSeen: Date; lastSeen: Date }): Promise<void>;
  stop(): Promise<void>;
}

export type HostileReply =
  | "missing-attributes"
  | "bad-timestamps"
  | "unknown-namespace"
  | "foreign-children"
  | "deep-nesting"
  | "huge-text"
  | "many-clients"
  | "result-without-payload"
  | "error-without-condition";

const HOST = "127.0.0.1";
const DOMAIN = "localhost";
const CAM_DOMAIN = "cam.localhost";
const NO_MODULE_DOMAIN = "nocm.localhost";
const MISMATCH_DOMAIN = "mismatch.localhost";
const MISMATCH_CERT_NAME = "wrong.example";
const HOSTILE_DOMAIN = "hostile.localhost";
const SSDP_DOMAIN = "ssdp.localhost";
const CAM_NAMESPACE = "urn:xmpp:cam:0";
const TEST_MODULE = "test_client_management";
const UPSTREAM_MODULE = "client_management";
const READY_TIMEOUT_MS = 20_000;
const STOP_TIMEOUT_MS = 5_000;
const POLL_INTERVAL_MS = 25;
/** Prosody's default; the real module's revoke of a connected client waits on it. */
const CLOSE_TIMEOUT_SECONDS = 5;

const MODULE_DIR = dirname(fileURLToPath(import.meta.url));

/** Every Prosody still running from this process, so a crashed test cannot leak one. */
const liveProcesses = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of liveProcesses) child.kill("SIGKILL");
});

interface Layout {
  readonly dataDir: string;
  readonly configFile: string;
  readonly logFile: string;
  readonly certDir: string;
}

interface ServerSettings {
  readonly layout: Layout;
  readonly starttlsPort: number;
  readonly directTlsPort: number;
  readonly nagle: boolean | undefined;
  readonly upstreamModuleDir: string | undefined;
  readonly localhostCert: { certFile: string; keyFile: string };
  readonly mismatchCert: { certFile: string; keyFile: string };
}

/** The OAuth client a grant is made for; the list shows it as the grant's user agent. */
export type OAuthClient = { name: string; uri?: string; id?: string; version?: string };

/** `{ name = "…"; uri = "…" }`: an `oauth2_client` table for tokenauth.create_grant. */
function oauthClientTable(client: OAuthClient): string {
  const fields = Object.entries(client)
    .filter((entry): entry is [string, string] => typeof entry[1] === "string")
    .map(([key, value]) => `${key} = ${luaString(value)}`)
    .join("; ");
  return `{ ${fields} }`;
}

/** Lua string literal; escapes everything outside printable ASCII. */
function luaString(value: string): string {
  let out = '"';
  for (const byte of Buffer.from(value, "utf8")) {
    const printable = byte >= 0x20 && byte < 0x7f && byte !== 0x22 && byte !== 0x5c;
    out += printable ? String.fromCharCode(byte) : `\\${byte.toString().padStart(3, "0")}`;
  }
  return `${out}"`;
}

function luaList(values: readonly (string | number)[]): string {
  return `{ ${values.map((v) => (typeof v === "number" ? String(v) : luaString(v))).join("; ")} }`;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function distinctFreePorts(count: number): Promise<number[]> {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
}

function renderConfig(s: ServerSettings): string {
  const { layout } = s;
  const pluginPaths = [MODULE_DIR, ...(s.upstreamModuleDir ? [s.upstreamModuleDir] : [])];
  const localhostModule = s.upstreamModuleDir ? UPSTREAM_MODULE : TEST_MODULE;
  const ssl = (cert: { certFile: string; keyFile: string }): string =>
    `ssl = { certificate = ${luaString(cert.certFile)}; key = ${luaString(cert.keyFile)} }`;
  const localhostSsl = ssl(s.localhostCert);
  return `-- Generated by prosody-test-server.ts
daemonize = false
run_as_root = true
pidfile = ${luaString(join(layout.dataDir, "prosody.pid"))}
data_path = ${luaString(join(layout.dataDir, "data"))}
admin_socket = ${luaString(join(layout.dataDir, "prosody.sock"))}
log = { { levels = { min = "debug" }, to = "file", filename = ${luaString(layout.logFile)} } }
plugin_paths = ${luaList(pluginPaths)}
certificates = ${luaString(layout.certDir)}

interfaces = { "127.0.0.1" }
local_interfaces = { "127.0.0.1" }
c2s_interfaces = { "127.0.0.1" }
c2s_ports = { ${s.starttlsPort} }
c2s_direct_tls_interfaces = { "127.0.0.1" }
c2s_direct_tls_ports = { ${s.directTlsPort} }
${s.nagle === undefined ? "" : `network_settings = { nagle = ${String(s.nagle)} }`}

authentication = "internal_hashed"
storage = "internal"
allow_registration = false
c2s_require_encryption = true
c2s_close_timeout = ${CLOSE_TIMEOUT_SECONDS}

modules_enabled = {
  "roster"; "saslauth"; "tls"; "disco"; "ping"; "register"; "admin_shell";
  "tokenauth"; "sasl2"; "sasl2_bind2"; "sasl2_fast"; "sasl2_sm"; "smacks";
  "carbons"; "csi_simple";
  -- Private storage for nicknames (XEP-0223 on the account's PEP service).
  "pep";
}
modules_disabled = { "s2s"; "s2s_auth_certs"; "s2s_bidi"; "dialback"; "http" }

VirtualHost ${luaString(DOMAIN)}
  ${localhostSsl}
  -- A real password policy, so that a refused password change can be tested (not-acceptable).
  modules_enabled = { ${luaString(localhostModule)}; "password_policy" }
  password_policy = { length = 8 }

VirtualHost ${luaString(CAM_DOMAIN)}
  ${localhostSsl}
  modules_enabled = { ${luaString(TEST_MODULE)} }
  test_client_management_namespace = ${luaString(CAM_NAMESPACE)}

VirtualHost ${luaString(NO_MODULE_DOMAIN)}
  ${localhostSsl}
  modules_disabled = { "pep" }

VirtualHost ${luaString(MISMATCH_DOMAIN)}
  ${ssl(s.mismatchCert)}

VirtualHost ${luaString(HOSTILE_DOMAIN)}
  ${localhostSsl}
  modules_enabled = { ${luaString(TEST_MODULE)} }
  test_client_management_hostile = true

VirtualHost ${luaString(SSDP_DOMAIN)}
  ${localhostSsl}
  modules_enabled = { ${luaString(localhostModule)}; "sasl_ssdp" }
`;
}

async function loadCertificateAuthority(scratchDir: string): Promise<CertificateAuthority> {
  const sharedDir = process.env.WARDEN_TEST_CA_DIR;
  if (sharedDir) return existingCertificateAuthority(sharedDir);
  return createCertificateAuthority(join(scratchDir, "ca"));
}

function runProsodyctl(configFile: string, args: readonly string[], stdin?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile("prosodyctl", ["--config", configFile, ...args], { timeout: 15_000 }, (error, stdout, stderr) => {
      if (error) {
        // Never echo stdin: it may carry a password.
        reject(new Error(`prosodyctl ${args[0] ?? ""} failed (${error.code ?? error.signal ?? "?"}): ${stderr.trim() || stdout.trim()}`));
        return;
      }
      resolve(stdout);
    });
    child.stdin?.end(stdin ?? "");
  });
}

async function tailLog(logFile: string, lines = 30): Promise<string> {
  try {
    const text = await readFile(logFile, "utf8");
    return text.split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}

async function fileExists(file: string): Promise<boolean> {
  try {
    await readFile(file);
    return true;
  } catch (error) {
    // A unix socket cannot be read but exists.
    return (error as NodeJS.ErrnoException).code !== "ENOENT";
  }
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

class ProsodyProcess {
  private child: ChildProcess | undefined;
  private exited: Promise<void> = Promise.resolve();

  constructor(private readonly settings: ServerSettings) {}

  async start(): Promise<void> {
    const { layout } = this.settings;
    const child = spawn("prosody", ["--config", layout.configFile], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    this.child = child;
    liveProcesses.add(child);
    this.exited = new Promise((resolve) => {
      child.once("exit", () => {
        liveProcesses.delete(child);
        resolve();
      });
    });
    try {
      await this.waitUntilReady(() => stderr);
    } catch (error) {
      await this.kill();
      throw error;
    }
  }

  private async waitUntilReady(stderr: () => string): Promise<void> {
    const { layout, starttlsPort, directTlsPort } = this.settings;
    const adminSocket = join(layout.dataDir, "prosody.sock");
    const deadline = Date.now() + READY_TIMEOUT_MS;
    while (Date.now() < deadline) {
      if (this.child?.exitCode !== null || this.child.signalCode !== null) {
        throw new Error(`prosody exited during start-up: ${stderr()}\n${await tailLog(layout.logFile)}`);
      }
      const ready = (await canConnect(starttlsPort)) && (await canConnect(directTlsPort)) && (await fileExists(adminSocket));
      if (ready) return;
      await sleep(POLL_INTERVAL_MS);
    }
    throw new Error(`prosody not ready after ${READY_TIMEOUT_MS} ms:\n${await tailLog(layout.logFile)}`);
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  /** SIGSTOP/SIGCONT; waits until /proc shows the process stopped (T) or running again. */
  async freeze(frozen: boolean): Promise<void> {
    const child = this.child;
    if (!child?.pid || child.exitCode !== null || child.signalCode !== null) throw new Error("prosody is not running");
    child.kill(frozen ? "SIGSTOP" : "SIGCONT");
    const deadline = Date.now() + STOP_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const stat = await readFile(`/proc/${child.pid}/stat`, "utf8").catch(() => "");
      // Field 3, after the parenthesised command name.
      const state = stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3);
      if (frozen ? state === "T" : state !== "T") return;
      await sleep(POLL_INTERVAL_MS);
    }
    throw new Error(`prosody did not ${frozen ? "stop" : "continue"}`);
  }

  async kill(signal: "SIGTERM" | "SIGKILL" = "SIGTERM"): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    // A paused process would only act on SIGTERM once continued.
    child.kill("SIGCONT");
    child.kill(signal);
    const timedOut = await Promise.race([this.exited.then(() => false), sleep(STOP_TIMEOUT_MS).then(() => true)]);
    if (timedOut) {
      child.kill("SIGKILL");
      await this.exited;
    }
  }
}

function randomPassword(): string {
  return randomBytes(24).toString("base64url");
}

function splitJid(jid: string): { localpart: string; domain: string } {
  const at = jid.indexOf("@");
  if (at <= 0) throw new Error(`not a bare JID: ${jid}`);
  return { localpart: jid.slice(0, at), domain: jid.slice(at + 1) };
}

async function prepareLayout(): Promise<Layout> {
  const dataDir = await mkdtemp(join(tmpdir(), "warden-prosody-"));
  const certDir = join(dataDir, "certs");
  await mkdir(join(dataDir, "data"), { recursive: true });
  await mkdir(certDir, { recursive: true });
  return { dataDir, configFile: join(dataDir, "prosody.cfg.lua"), logFile: join(dataDir, "prosody.log"), certDir };
}

class RunningTestServer implements TestServer {
  readonly host = HOST;
  readonly domain = DOMAIN;
  readonly camDomain = CAM_DOMAIN;
  readonly noModuleDomain = NO_MODULE_DOMAIN;
  readonly mismatchDomain = MISMATCH_DOMAIN;
  readonly hostileDomain = HOSTILE_DOMAIN;
  readonly ssdpDomain = SSDP_DOMAIN;
  readonly closeTimeoutSeconds = CLOSE_TIMEOUT_SECONDS;
  readonly starttlsPort: number;
  readonly directTlsPort: number;
  readonly dataDir: string;
  private process: ProsodyProcess;
  private stopped = false;

  constructor(
    private readonly settings: ServerSettings,
    readonly caCertPem: string,
  ) {
    this.starttlsPort = settings.starttlsPort;
    this.directTlsPort = settings.directTlsPort;
    this.dataDir = settings.layout.dataDir;
    this.process = new ProsodyProcess(settings);
  }

  async start(): Promise<void> {
    await this.process.start();
  }

  async createAccount(localpart: string, domain: string = DOMAIN, password: string = randomPassword()): Promise<{ jid: string; password: string }> {
    const jid = `${localpart}@${domain}`;
    // No password in argv (visible in ps): the admin shell asks for it, twice, and prosodyctl reads stdin.
    await runProsodyctl(this.settings.layout.configFile, ["shell", `user:create(${luaString(jid)}, nil, "prosody:member")`], `${password}\n${password}\n`);
    return { jid, password };
  }

  async setRole(jid: string, role: string): Promise<void> {
    const { domain } = splitJid(jid);
    await this.shell(`user:set_role(${luaString(jid)}, ${luaString(domain)}, ${luaString(role)})`);
  }

  async createGrant(jid: string, client: OAuthClient): Promise<void> {
    const { domain } = splitJid(jid);
    const call = `prosody.hosts[${luaString(domain)}].modules.tokenauth.create_grant(${luaString(jid)}, ${luaString(jid)}, nil, { oauth2_client = ${oauthClientTable(client)} })`;
    const out = await this.shell(`>assert(${call}) and "grant created"`);
    if (!out.includes("grant created")) throw new Error(`create_grant failed: ${out}`);
  }

  async createGrantToken(jid: string, client: OAuthClient): Promise<string> {
    const { domain } = splitJid(jid);
    const j = luaString(jid);
    const make = [
      `local tokenauth = prosody.hosts[${luaString(domain)}].modules.tokenauth`,
      `local grant = assert(tokenauth.create_grant(${j}, ${j}, nil, { oauth2_client = ${oauthClientTable(client)} }))`,
      // Purpose "oauth2": the one Prosody's OAUTHBEARER handler accepts.
      `return "TOKEN=" .. assert(tokenauth.create_token(${j}, grant, "prosody:member", nil, "oauth2"))`,
    ].join("; ");
    const out = await this.shell(`>(function() ${make} end)()`);
    const token = /TOKEN=(secret-token:\S+)/.exec(out)?.[1];
    if (token === undefined) throw new Error("create_token failed");
    return token;
  }

  async shell(command: string): Promise<string> {
    return runProsodyctl(this.settings.layout.configFile, ["shell", command]);
  }

  async restart(options: { signal?: "SIGTERM" | "SIGKILL" } = {}): Promise<void> {
    await this.process.kill(options.signal);
    this.process = new ProsodyProcess(this.settings);
    await this.process.start();
  }

  get pid(): number | undefined {
    return this.process.pid;
  }

  async pause(): Promise<void> {
    await this.process.freeze(true);
  }

  async resume(): Promise<void> {
    await this.process.freeze(false);
  }

  private moduleCall(domain: string, call: string): Promise<string> {
    return this.shell(`>prosody.hosts[${luaString(domain)}].modules.${TEST_MODULE}.${call}`);
  }

  async revokeRequests(jid: string): Promise<number> {
    const { localpart, domain } = splitJid(jid);
    const out = await this.moduleCall(domain, `revoke_requests(${luaString(localpart)})`);
    const count = /(\d+)/.exec(out)?.[1];
    if (count === undefined) throw new Error(`revoke_requests: ${out}`);
    return Number(count);
  }

  async setHostileReply(jid: string, mode: HostileReply | undefined, n?: number): Promise<void> {
    const { localpart, domain } = splitJid(jid);
    const args = [luaString(localpart), mode === undefined ? "nil" : luaString(mode), n === undefined ? "nil" : String(Math.trunc(n))];
    const out = await this.moduleCall(domain, `set_hostile_reply(${args.join(", ")})`);
    if (!out.includes("hostile reply for")) throw new Error(`set_hostile_reply: ${out}`);
  }

  async setSeenTimes(jid: string, clientId: string, seen: { firstSeen: Date; lastSeen: Date }): Promise<void> {
    const { localpart, domain } = splitJid(jid);
    const seconds = (date: Date): string => String(Math.floor(date.getTime() / 1000));
    const args = [luaString(localpart), luaString(clientId), seconds(seen.firstSeen), seconds(seen.lastSeen)];
    const out = await this.moduleCall(domain, `set_seen_times(${args.join(", ")})`);
    if (!out.includes("seen times set for")) throw new Error(`set_seen_times: ${out}`);
  }

  async setGrantSeenTimes(jid: string, software: string, seen: { firstSeen: Date; lastSeen: Date }): Promise<void> {
    const { localpart, domain } = splitJid(jid);
    const seconds = (date: Date): string => String(Math.floor(date.getTime() / 1000));
    const [user, first, last] = [luaString(localpart), seconds(seen.firstSeen), seconds(seen.lastSeen)];
    const move = [
      `local host = prosody.hosts[${luaString(domain)}]`,
      `local accounts = host.modules.auth_internal_hashed.module:open_store("accounts")`,
      `local account = assert(accounts:get(${user}))`,
      `account.updated = math.min(account.updated or ${first}, ${first})`,
      `assert(accounts:set(${user}, account))`,
      `local grants = host.modules.tokenauth.module:open_store("auth_tokens", "keyval+")`,
      `local moved = 0`,
      `for id, grant in pairs(grants:get(${user}) or {}) do`,
      `  local client = grant.data and grant.data.oauth2_client`,
      `  if type(client) == "table" and client.name == ${luaString(software)} then`,
      `    grant.created, grant.accessed = ${first}, ${last}`,
      `    assert(grants:set_key(${user}, id, grant))`,
      `    moved = moved + 1`,
      `  end`,
      `end`,
      `return "grants moved: " .. moved`,
    ].join(" ");
    const out = await this.shell(`>(function() ${move} end)()`);
    if (!/grants moved: [1-9]/.test(out)) throw new Error(`setGrantSeenTimes: ${out}`);
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    try {
      await this.process.kill();
    } finally {
      await rm(this.dataDir, { recursive: true, force: true });
    }
  }
}

async function buildSettings(layout: Layout, options: TestServerOptions): Promise<{ settings: ServerSettings; caCertPem: string }> {
  const ca = await loadCertificateAuthority(layout.dataDir);
  const [localhostCert, mismatchCert] = await Promise.all([
    issueLeafCertificate(ca, layout.certDir, DOMAIN, [DOMAIN, CAM_DOMAIN, NO_MODULE_DOMAIN, HOSTILE_DOMAIN, SSDP_DOMAIN]),
    issueLeafCertificate(ca, layout.certDir, MISMATCH_DOMAIN, [MISMATCH_CERT_NAME]),
  ]);
  const [starttlsPort, directTlsPort] = await distinctFreePorts(2);
  if (starttlsPort === undefined || directTlsPort === undefined) throw new Error("no free ports");
  const settings: ServerSettings = {
    layout,
    starttlsPort,
    directTlsPort,
    nagle: options.nagle,
    upstreamModuleDir: process.env.MANAGE_CLIENTS_MODULE_DIR || undefined,
    localhostCert,
    mismatchCert,
  };
  return { settings, caCertPem: await readPem(ca.certFile) };
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const layout = await prepareLayout();
  try {
    const { settings, caCertPem } = await buildSettings(layout, options);
    await writeFile(layout.configFile, renderConfig(settings));
    const server = new RunningTestServer(settings, caCertPem);
    await server.start();
    return server;
  } catch (error) {
    await rm(layout.dataDir, { recursive: true, force: true });
    throw error;
  }
}
