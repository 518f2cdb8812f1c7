// Integration tests of the Prosody test harness and mod_test_client_management,
// driven by plain @xmpp/client 0.14 clients over STARTTLS on loopback.
import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import tls from "node:tls";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./prosody-test-server.js";
import { nextSecond } from "./server-clock.js";
import { signInOtherClient, signOutOtherClient as signOut, type OtherClient as Device, type OtherClientOptions as SignInOptions } from "./other-client.js";
import { xml, type Element } from "./xmpp-client.js";

const NS = "xmpp:prosody.im/protocol/manage-clients";
const NS_CAM = "urn:xmpp:cam:0";
const NS_STANZAS = "urn:ietf:params:xml:ns:xmpp-stanzas";
const TIMESTAMP = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/;
const REPLY_TIMEOUT_MS = 5_000;

const APP_ID = "0b5b7a3c-8d2e-4a36-9f51-6a1d2c3e4f50";
const PHONE_ID = "9f8e7d6c-5b4a-4321-8765-43210fedcba9";

interface Account {
  jid: string;
  password: string;
}

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});

afterAll(async () => {
  await server?.stop();
});

function localpartOf(jid: string): string {
  return jid.slice(0, jid.indexOf("@"));
}

/** XEP-0077: a new random password for `account`, as the server sees a password change. */
function passwordChange(account: Account): Element {
  const query = xml("query", { xmlns: "jabber:iq:register" }, xml("username", {}, localpartOf(account.jid)), xml("password", {}, `new-${randomUUID()}`));
  return xml("iq", { type: "set", to: server.domain }, query);
}

function signIn(account: Account, options: SignInOptions): Promise<Device> {
  return signInOtherClient(server, account, options);
}

/**
 * Sends an iq and resolves with the reply, result or error alike. Uses a plain
 * stanza listener rather than iqCaller, whose error path can leak a rejection.
 */
function sendIq(device: Device, iq: Element, timeoutMs = REPLY_TIMEOUT_MS): Promise<Element> {
  const id = randomUUID();
  iq.attrs.id = id;
  const { xmpp } = device;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      xmpp.removeListener("stanza", onStanza);
      reject(new Error(`no reply to iq ${id}`));
    }, timeoutMs);
    function onStanza(stanza: Element): void {
      if (!stanza.is("iq") || stanza.attrs.id !== id) return;
      if (stanza.attrs.type !== "result" && stanza.attrs.type !== "error") return;
      clearTimeout(timer);
      xmpp.removeListener("stanza", onStanza);
      resolve(stanza);
    }
    xmpp.on("stanza", onStanza);
    xmpp.send(iq).catch((error: unknown) => {
      clearTimeout(timer);
      xmpp.removeListener("stanza", onStanza);
      reject(error instanceof Error ? error : new Error(String(error)));
    });
  });
}

const listRequest = (ns = NS, to?: string): Element => xml("iq", { type: "get", ...(to ? { to } : {}) }, xml("list", { xmlns: ns }));
const revokeRequest = (id: string, ns = NS): Element => xml("iq", { type: "set" }, xml("revoke", { xmlns: ns, id }));

interface ListedClient {
  id: string;
  type: string;
  connected: boolean;
  firstSeen: string | undefined;
  lastSeen: string | undefined;
  auth: string[];
  childOrder: string[];
  permission: string | undefined;
  software: Element | undefined;
  device: string | undefined;
  uri: string | undefined;
}

function parseClient(el: Element, ns: string): ListedClient {
  const ua = el.getChild("user-agent", ns);
  return {
    id: String(el.attrs.id),
    type: String(el.attrs.type),
    connected: el.attrs.connected === "true",
    firstSeen: el.getChildText("first-seen", ns) ?? undefined,
    lastSeen: el.getChildText("last-seen", ns) ?? undefined,
    auth: el.getChild("auth", ns)?.getChildElements().map((child) => child.name) ?? [],
    childOrder: el.getChildElements().map((child) => child.name),
    permission: el.getChild("permission", ns)?.attrs.status as string | undefined,
    software: ua?.getChild("software", ns),
    device: ua?.getChildText("device", ns) ?? undefined,
    uri: ua?.getChildText("uri", ns) ?? undefined,
  };
}

async function listClients(device: Device, ns = NS): Promise<ListedClient[]> {
  const reply = await sendIq(device, listRequest(ns));
  expect(reply.attrs.type, reply.toString()).toBe("result");
  const clients = reply.getChild("clients", ns);
  expect(clients).toBeDefined();
  return (clients?.getChildren("client", ns) ?? []).map((el) => parseClient(el, ns));
}

interface StanzaErrorInfo {
  type: string;
  condition: string | undefined;
  text: string | undefined;
  appCondition: string | undefined;
}

function stanzaError(reply: Element): StanzaErrorInfo {
  expect(reply.attrs.type, reply.toString()).toBe("error");
  const error = reply.getChild("error");
  const children = error?.getChildElements() ?? [];
  return {
    type: String(error?.attrs.type),
    condition: children.find((c) => c.attrs.xmlns === NS_STANZAS && c.name !== "text")?.name,
    text: error?.getChildText("text", NS_STANZAS) ?? undefined,
    appCondition: children.find((c) => c.attrs.xmlns !== NS_STANZAS)?.name,
  };
}

async function newAccount(prefix: string, domain?: string): Promise<Account> {
  return server.createAccount(`${prefix}-${randomUUID().slice(0, 8)}`, domain);
}

function byId(clients: ListedClient[], id: string): ListedClient | undefined {
  return clients.find((c) => c.id === id);
}

describe("TLS and trust", () => {
  it("is trusted by this forked worker through NODE_EXTRA_CA_CERTS (no ca option)", async () => {
    const authorized = await new Promise<boolean>((resolve, reject) => {
      const socket = tls.connect({ host: server.host, port: server.directTlsPort, servername: "localhost" }, () => {
        resolve(socket.authorized);
        socket.destroy();
      });
      socket.once("error", reject);
    });
    expect(authorized).toBe(true);
  });

  it("serves a CA-signed certificate for the wrong name on the mismatch vhost", async () => {
    const connectTo = (servername: string): Promise<string> =>
      new Promise((resolve) => {
        const socket = tls.connect({ host: server.host, port: server.directTlsPort, servername, ca: server.caCertPem }, () => {
          resolve("ok");
          socket.destroy();
        });
        socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      });
    expect(await connectTo(server.mismatchDomain)).toBe("ERR_TLS_CERT_ALTNAME_INVALID");
    expect(await connectTo(server.domain)).toBe("ok");
  });
});

describe("listing clients", () => {
  it("shows a SASL2 client connected, then offline, and one entry per user-agent id", async () => {
    const account = await newAccount("list");
    const app = await signIn(account, { uaId: APP_ID, software: "Warden", device: "Laptop" });
    const phone = await signIn(account, { uaId: PHONE_ID, software: "Test Phone", device: "Pixel" });

    const listed = await listClients(app);
    expect(listed.map((c) => c.id).sort()).toEqual([`client/${APP_ID}`, `client/${PHONE_ID}`].sort());
    const phoneEntry = byId(listed, `client/${PHONE_ID}`);
    expect(phoneEntry).toMatchObject({ type: "session", connected: true, auth: ["password"], device: "Pixel" });
    expect(phoneEntry?.software?.text()).toBe("Test Phone");
    expect(phoneEntry?.childOrder).toEqual(["first-seen", "last-seen", "auth", "user-agent"]);
    expect(phoneEntry?.firstSeen).toMatch(TIMESTAMP);
    expect(phoneEntry?.lastSeen).toMatch(TIMESTAMP);

    await signOut(phone);
    expect(byId(await listClients(app), `client/${PHONE_ID}`)?.connected).toBe(false);

    const again = await signIn(account, { uaId: PHONE_ID, software: "Test Phone", device: "Pixel" });
    const relisted = await listClients(app);
    expect(relisted.filter((c) => c.id === `client/${PHONE_ID}`)).toHaveLength(1);
    expect(byId(relisted, `client/${PHONE_ID}`)?.connected).toBe(true);
    await Promise.all([signOut(again), signOut(app)]);
  });

  it("tracks a legacy (non-SASL2) client by its resource under a made-up id", async () => {
    const account = await newAccount("legacy");
    const app = await signIn(account, { uaId: APP_ID });
    const legacy = await signIn(account, { uaId: randomUUID(), legacy: true, resource: "legacy-desktop" });
    const [entry, ...others] = (await listClients(app)).filter((c) => c.id !== `client/${APP_ID}`);
    expect(others).toHaveLength(0);
    // Upstream: a short random id (12 characters) and no user agent.
    expect(entry).toMatchObject({ type: "session", connected: true, auth: ["password"], software: undefined, device: undefined });
    expect(entry?.id).toMatch(/^client\/[A-Za-z0-9_-]{12}$/);
    await signOut(legacy);

    const back = await signIn(account, { uaId: randomUUID(), legacy: true, resource: "legacy-desktop" });
    const relisted = (await listClients(app)).filter((c) => c.id !== `client/${APP_ID}`);
    expect(relisted.map((c) => [c.id, c.connected])).toEqual([[entry?.id, true]]);
    await Promise.all([signOut(back), signOut(app)]);
  });

  it("answers forbidden (auth) to a guest", async () => {
    const account = await newAccount("guest");
    await server.setRole(account.jid, "prosody:guest");
    const guest = await signIn(account, { uaId: randomUUID() });
    expect(stanzaError(await sendIq(guest, listRequest()))).toMatchObject({ type: "auth", condition: "forbidden" });
    await signOut(guest);
  });

  it("answers service-unavailable on a vhost without the module", async () => {
    const account = await newAccount("nocm", server.noModuleDomain);
    const device = await signIn(account, { uaId: randomUUID(), domain: server.noModuleDomain });
    expect(stanzaError(await sendIq(device, listRequest()))).toEqual({
      type: "cancel",
      condition: "service-unavailable",
      text: undefined,
      appCondition: undefined,
    });
    await signOut(device);
  });
});

describe("FAST", () => {
  it("lists <fast/> only after a FAST sign-in; revoking it offline removes the token and asks for a password reset", async () => {
    const account = await newAccount("fast");
    const app = await signIn(account, { uaId: APP_ID, software: "Warden" });
    const phone = await signIn(account, { uaId: PHONE_ID, software: "Conversations", device: "Pixel 8" });
    const token = phone.fastToken;
    expect(token?.mechanism).toBe("HT-SHA-256-NONE");
    expect(byId(await listClients(app), `client/${PHONE_ID}`)?.auth).toEqual(["password"]);
    await signOut(phone);

    const fastPhone = await signIn({ ...account, password: "not-the-password" }, { uaId: PHONE_ID, software: "Conversations", fastToken: token });
    expect(byId(await listClients(app), `client/${PHONE_ID}`)).toMatchObject({ connected: true, auth: ["password", "fast"] });
    await signOut(fastPhone);

    const err = stanzaError(await sendIq(app, revokeRequest("software/Conversations")));
    expect(err).toEqual({ type: "cancel", condition: "service-unavailable", text: "Password reset required", appCondition: "password-reset-required" });
    expect(byId(await listClients(app), `client/${PHONE_ID}`)).toMatchObject({ connected: false, auth: ["password"] });

    const reused = signIn({ ...account, password: "not-the-password" }, { uaId: PHONE_ID, fastToken: fastPhone.fastToken ?? token });
    await expect(reused).rejects.toThrow();
    await signOut(app);
  });
});

describe("revoking", () => {
  it("revokes a grant: listed as access with bearer-token, empty result, then gone", async () => {
    const account = await newAccount("grant");
    await server.createGrant(account.jid, { name: "Movim", uri: "https://movim.eu/", id: "movim-web", version: "0.29.1" });
    const app = await signIn(account, { uaId: APP_ID });
    const grant = (await listClients(app)).find((c) => c.type === "access");
    expect(grant).toMatchObject({ connected: false, auth: ["bearer-token"], uri: "https://movim.eu/" });
    expect(grant?.id).toMatch(/^grant\//);
    expect(grant?.software?.attrs).toMatchObject({ id: "movim-web", version: "0.29.1" });
    expect(grant?.software?.text()).toBe("Movim");

    const reply = await sendIq(app, revokeRequest(grant?.id ?? ""));
    expect(reply.attrs.type).toBe("result");
    expect(reply.children).toHaveLength(0);
    expect((await listClients(app)).some((c) => c.type === "access")).toBe(false);
    await signOut(app);
  });

  it("answers item-not-found to unknown and malformed ids", async () => {
    const account = await newAccount("unknown");
    const app = await signIn(account, { uaId: APP_ID });
    for (const id of ["client/does-not-exist", "nonsense", "grant/nope", "software/Nothing"]) {
      expect(stanzaError(await sendIq(app, revokeRequest(id)))).toEqual({
        type: "cancel",
        condition: "item-not-found",
        text: "Client not found",
        appCondition: undefined,
      });
    }
    await signOut(app);
  });

  it("closes a connected client's session and reports undefined-condition, keeping its FAST token", async () => {
    const account = await newAccount("connected");
    const app = await signIn(account, { uaId: APP_ID });
    const phone = await signIn(account, { uaId: PHONE_ID, software: "Test Phone" });

    expect(stanzaError(await sendIq(app, revokeRequest(`client/${PHONE_ID}`)))).toEqual({
      type: "cancel",
      condition: "undefined-condition",
      text: undefined,
      appCondition: undefined,
    });
    await phone.disconnected;
    expect(byId(await listClients(app), `client/${PHONE_ID}`)?.connected).toBe(false);

    const back = await signIn({ ...account, password: "not-the-password" }, { uaId: PHONE_ID, fastToken: phone.fastToken });
    expect(back.xmpp.status).toBe("online");
    await Promise.all([signOut(back), signOut(app)]);
  });
});

/**
 * Each point here is behaviour of the upstream mod_client_management, read in its source and seen
 * on a real server; the same tests pass with MANAGE_CLIENTS_MODULE_DIR pointing at it.
 */
describe("behaves like the upstream module", () => {
  it("lists oldest last-seen first, in whole seconds", async () => {
    const account = await newAccount("order");
    const app = await signIn(account, { uaId: APP_ID });
    const first = await signIn(account, { uaId: randomUUID(), software: "First" });
    await signOut(first);
    await nextSecond();
    const second = await signIn(account, { uaId: randomUUID(), software: "Second" });
    await signOut(second);
    await nextSecond();
    await server.createGrant(account.jid, { name: "Third" });

    const listed = await listClients(app);
    const lastSeen = listed.map((c) => c.lastSeen ?? "");
    expect(lastSeen).toEqual([...lastSeen].sort());
    // Entries seen in the same second come in no particular order: only distinct seconds are compared.
    expect(listed.map((c) => c.software?.text()).filter((name) => name !== undefined)).toEqual(["First", "Second", "Third"]);
    await signOut(app);
  });

  it("revokes only the first listed match of software/<name> and software/<name>/<version>", async () => {
    const account = await newAccount("software");
    await server.createGrant(account.jid, { name: "Movim", version: "0.29.1" });
    await nextSecond();
    await server.createGrant(account.jid, { name: "Movim", version: "0.30.0" });
    const app = await signIn(account, { uaId: APP_ID });
    const movimVersions = async (): Promise<unknown[]> =>
      (await listClients(app)).filter((c) => c.software?.text() === "Movim").map((c) => c.software?.attrs.version);
    expect(await movimVersions()).toEqual(["0.29.1", "0.30.0"]);

    expect((await sendIq(app, revokeRequest("software/Movim/0.30.0"))).attrs.type).toBe("result");
    expect(await movimVersions()).toEqual(["0.29.1"]);

    await nextSecond();
    await server.createGrant(account.jid, { name: "Movim", version: "0.31.0" });
    expect(await movimVersions()).toEqual(["0.29.1", "0.31.0"]);
    expect((await sendIq(app, revokeRequest("software/Movim"))).attrs.type).toBe("result");
    expect(await movimVersions()).toEqual(["0.31.0"]);

    expect(stanzaError(await sendIq(app, revokeRequest("software/Movim/9.9")))).toMatchObject({ condition: "item-not-found" });
    await signOut(app);
  });

  it("keeps the user agent it first saw for a client id", async () => {
    const account = await newAccount("agent");
    const app = await signIn(account, { uaId: APP_ID });
    const phone = await signIn(account, { uaId: PHONE_ID, software: "Conversations", device: "Old phone" });
    await signOut(phone);
    const renamed = await signIn(account, { uaId: PHONE_ID, software: "Conversations 2", device: "New phone" });

    const entry = byId(await listClients(app), `client/${PHONE_ID}`);
    expect(entry).toMatchObject({ connected: true, device: "Old phone" });
    expect(entry?.software?.text()).toBe("Conversations");
    await Promise.all([signOut(renamed), signOut(app)]);
  });

  it("closes a connected client with a bare </stream:stream> and lists it connected until the close timeout", async () => {
    const account = await newAccount("slowclose");
    const app = await signIn(account, { uaId: APP_ID });
    const phone = await signIn(account, { uaId: PHONE_ID, software: "Test Phone" });
    const streamClosed = new Promise<void>((resolve) => phone.xmpp.once("close", () => resolve()));

    const started = performance.now();
    expect(stanzaError(await sendIq(app, revokeRequest(`client/${PHONE_ID}`)))).toMatchObject({ condition: "undefined-condition" });
    await streamClosed;
    // The phone does not answer the close (@xmpp/client 0.14 does not): the server keeps its session.
    expect(byId(await listClients(app), `client/${PHONE_ID}`)).toMatchObject({ connected: true, auth: ["password"] });
    await phone.disconnected;
    const closedAfter = performance.now() - started;
    expect(phone.streamErrors).toEqual([]);
    expect(closedAfter).toBeGreaterThanOrEqual(server.closeTimeoutSeconds * 1000 - 500);
    expect(closedAfter).toBeLessThanOrEqual(server.closeTimeoutSeconds * 1000 + 1500);
    expect(byId(await listClients(app), `client/${PHONE_ID}`)?.connected).toBe(false);
    await signOut(app);
  });

  it("sends no reply at all to a revoke of a client with no access left", async () => {
    const account = await newAccount("stale");
    const app = await signIn(account, { uaId: APP_ID });
    const phone = await signIn(account, { uaId: PHONE_ID, software: "Test Phone" });
    await signOut(phone);
    await nextSecond();
    expect((await sendIq(app, passwordChange(account))).attrs.type).toBe("result");
    expect(byId(await listClients(app), `client/${PHONE_ID}`)).toBeUndefined();

    // Upstream raises a Lua error here and the server sends nothing; an id it never stored still gets item-not-found.
    await expect(sendIq(app, revokeRequest(`client/${PHONE_ID}`), 2_000)).rejects.toThrow(/no reply/);
    expect(stanzaError(await sendIq(app, revokeRequest("client/never-stored")))).toMatchObject({ condition: "item-not-found" });
    await signOut(app);
  });

  it("never links a session to the grant it signed in with", async () => {
    const account = await newAccount("grantlink");
    const bearerToken = await server.createGrantToken(account.jid, { name: "Movim" });
    const app = await signIn(account, { uaId: APP_ID });
    const movimId = randomUUID();
    const movim = await signIn({ jid: account.jid, password: "" }, { uaId: movimId, software: "Movim", bearerToken });

    const listed = await listClients(app);
    expect(byId(listed, `client/${movimId}`)).toMatchObject({ type: "session", connected: true, auth: [] });
    const grant = listed.find((c) => c.type === "access");
    expect(grant).toMatchObject({ connected: false, auth: ["bearer-token"] });
    expect(grant?.id).toMatch(/^grant\//);

    expect(stanzaError(await sendIq(app, revokeRequest(`client/${movimId}`)))).toMatchObject({ condition: "undefined-condition" });
    await movim.disconnected;
    expect((await listClients(app)).map((c) => c.id)).toContain(grant?.id);
    const again = await signIn({ jid: account.jid, password: "" }, { uaId: movimId, software: "Movim", bearerToken });
    expect(again.xmpp.status).toBe("online");
    await Promise.all([signOut(again), signOut(app)]);
  });

  it("counts a PLAIN sign-in as the password", async () => {
    const account = await newAccount("plain");
    const app = await signIn(account, { uaId: APP_ID });
    const plain = await signIn(account, { uaId: PHONE_ID, software: "Plain client", mechanism: "PLAIN" });
    expect(byId(await listClients(app), `client/${PHONE_ID}`)).toMatchObject({ connected: true, auth: ["password"] });
    await Promise.all([signOut(plain), signOut(app)]);
  });
});

describe("urn:xmpp:cam:0 vhost", () => {
  it("serves only XEP-0494: unprefixed ids, <grant/>, mandatory permission", async () => {
    const account = await newAccount("cam", server.camDomain);
    await server.createGrant(account.jid, { name: "REST client" });
    const app = await signIn(account, { uaId: APP_ID, software: "Warden", domain: server.camDomain });

    const listed = await listClients(app, NS_CAM);
    const self = byId(listed, APP_ID);
    expect(self).toMatchObject({ type: "session", connected: true, auth: ["password"], permission: "unrestricted" });
    expect(self?.childOrder).toEqual(["first-seen", "last-seen", "auth", "permission", "user-agent"]);
    const grant = listed.find((c) => c.type === "access");
    expect(grant).toMatchObject({ auth: ["grant"], permission: "normal" });
    expect(grant?.id).not.toContain("/");

    expect(stanzaError(await sendIq(app, listRequest(NS)))).toMatchObject({ condition: "service-unavailable" });
    expect((await sendIq(app, revokeRequest(grant?.id ?? "", NS_CAM))).attrs.type).toBe("result");
    expect(byId(await listClients(app, NS_CAM), grant?.id ?? "")).toBeUndefined();
    await signOut(app);
  });
});

describe("password change (XEP-0077)", () => {
  // The shared notes say grants survive a password change; Prosody 13.0.1's
  // mod_tokenauth instead deletes every grant created before password_updated
  // the next time it is read, and this harness shows the real behaviour.
  it("closes other sessions and drops clients and grants that predate the change", async () => {
    const account = await newAccount("pwchange");
    await server.createGrant(account.jid, { name: "Movim" });
    const phone = await signIn(account, { uaId: PHONE_ID, software: "Test Phone" });
    await signOut(phone);
    const other = await signIn(account, { uaId: randomUUID(), software: "Other" });
    const app = await signIn(account, { uaId: APP_ID, software: "Warden" });
    await nextSecond();

    expect((await sendIq(app, passwordChange(account))).attrs.type).toBe("result");
    await other.disconnected;
    expect(other.streamErrors).toContain("reset: Password changed");

    const listed = await listClients(app);
    expect(listed.map((c) => c.id)).toEqual([`client/${APP_ID}`]);
    expect(byId(listed, `client/${APP_ID}`)).toMatchObject({ connected: true, auth: [] });
    await signOut(app);
  });
});

describe("harness lifecycle", () => {
  it("restarts on the same ports with the same data", async () => {
    const account = await newAccount("restart");
    const ports = [server.starttlsPort, server.directTlsPort];
    await server.restart();
    expect([server.starttlsPort, server.directTlsPort]).toEqual(ports);
    const app = await signIn(account, { uaId: APP_ID });
    expect(byId(await listClients(app), `client/${APP_ID}`)?.connected).toBe(true);
    await signOut(app);
  });

  it("turns Nagle off on request, and stop() leaves neither process nor files behind", async () => {
    const other = await startTestServer({ nagle: false });
    let pid: number | undefined;
    try {
      const config = await readFile(join(other.dataDir, "prosody.cfg.lua"), "utf8");
      expect(config).toContain("network_settings = { nagle = false }");
      pid = Number((await readFile(join(other.dataDir, "prosody.pid"), "utf8")).trim());
      expect(pid).toBeGreaterThan(0);
    } finally {
      await other.stop();
    }
    if (pid === undefined) throw new Error("no pid");
    const stoppedPid = pid;
    expect(() => process.kill(stoppedPid, 0)).toThrow();
    expect(existsSync(other.dataDir)).toBe(false);
  });
});
