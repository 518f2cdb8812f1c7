// Faults of the connection: a TCP reset in the middle of a request, and a revoke asked for while
// the session is reconnecting. Warden talks to Prosody through a TCP proxy on 127.0.0.1 that the
// test can reset or take down (TLS passes through it untouched).
import { randomUUID } from "node:crypto";
import { afterAll, afterEach, beforeAll, expect, it } from "vitest";
import { startTestServer, type TestServer } from "../server/prosody-test-server.js";
import { installWarden, launchWarden, nextEvent, nextList, removeInstall, stateIs, type Device } from "../integration/fixtures.js";
import { settleTick, spyOnUnhandledRejections, startTcpProxy, type TcpProxy } from "./helpers.js";

let server: TestServer;
let proxy: TcpProxy;
const devices: Device[] = [];

beforeAll(async () => {
  server = await startTestServer();
  proxy = await startTcpProxy(server.starttlsPort);
});

afterEach(async () => {
  proxy.setDown(false);
  await Promise.all(devices.splice(0).map(removeInstall));
});

afterAll(async () => {
  await proxy?.close();
  await server?.stop();
});

/**
 * Signed in through the proxy. The account is on the hostile vhost (no hostile reply set, so it
 * behaves normally): it always runs the test module, which counts revoke requests, even when the
 * main vhost runs the upstream module (MANAGE_CLIENTS_MODULE_DIR).
 */
async function signedInThroughProxy(): Promise<{ device: Device; jid: string }> {
  const account = await server.createAccount(`user-${randomUUID().slice(0, 8)}`, server.hostileDomain);
  const device = launchWarden(await installWarden());
  devices.push(device);
  const signIn = await device.manager.signIn({
    jid: account.jid,
    password: account.password,
    remember: true,
    server: { host: "127.0.0.1", port: proxy.port, tls: "starttls" },
  });
  expect(signIn).toMatchObject({ ok: true, value: { status: "online" } });
  expect(await device.manager.listClients({ jid: account.jid })).toMatchObject({ ok: true });
  return { device, jid: account.jid };
}

/** Another app with access (an OAuth-style grant) and its list entry. */
async function grantedApp(device: Device, jid: string): Promise<{ id: string }> {
  const name = `other-${randomUUID().slice(0, 6)}`;
  await server.createGrant(jid, { name });
  const listed = await device.manager.listClients({ jid });
  if (!listed.ok) throw new Error(`list failed: ${JSON.stringify(listed.error)}`);
  const entry = listed.value.clients.find((c) => c.userAgent.software === name);
  if (!entry) throw new Error("grant not listed");
  return entry;
}

// Fault: the TCP connection is reset (RST) while a list request is in flight. The user sees the
// request end typed — here it is answered after stream management resumes the session, else it
// would be timeout/disconnected — and never an unhandled rejection; the next request works after
// the reconnect. Not lost: the session (resumed, same client), the FAST token entry.
it("survives a TCP reset mid-request: typed outcome, no unhandled rejection, next request works", async () => {
  const { device, jid } = await signedInThroughProxy();
  const spy = spyOnUnhandledRejections();
  try {
    const reconnecting = nextEvent(device.manager, "state-changed", stateIs("reconnecting"));
    const online = nextEvent(device.manager, "state-changed", stateIs("online"));
    const reset = proxy.resetOnNextClientWrite();
    const inFlight = device.manager.listClients({ jid });
    await reset;
    await reconnecting;
    const result = await inFlight;
    // Stream management keeps the request queued and sends it again on resumption: it may be
    // answered; otherwise only a typed failure is acceptable.
    if (!result.ok) expect(["timeout", "disconnected", "not-signed-in"]).toContain(result.error.kind);
    await online;
    const next = await device.manager.listClients({ jid });
    expect(next).toMatchObject({ ok: true });
    if (next.ok) expect(next.value.clients.filter((c) => c.isCurrent)).toHaveLength(1);
    const token = await device.keychain.get(`fast-token:${jid}`);
    expect(token.ok && token.value).toBeTruthy();
    await settleTick();
    expect(spy.reasons).toEqual([]);
    console.info(`[reset mid-request] in-flight list: ${JSON.stringify(result.ok ? "ok" : result.error)}`);
  } finally {
    spy.stop();
  }
});

// Fault: the user revokes a client while the session is reconnecting (the server is unreachable).
// The user sees a typed failure at once; the revoke is not queued and never reaches the server
// (0 revoke requests counted server-side, the grant is still listed), so nothing happens behind
// their back; a revoke after the reconnect reaches the server exactly once. Not lost: the grant
// entry until the user revokes it again.
it("refuses a revoke while reconnecting with a typed error, sends it nowhere, and revokes once after", async () => {
  const { device, jid } = await signedInThroughProxy();
  const target = await grantedApp(device, jid);
  const countBefore = await server.revokeRequests(jid);

  proxy.setDown(true);
  const reconnecting = nextEvent(device.manager, "state-changed", stateIs("reconnecting"));
  proxy.resetAll();
  await reconnecting;
  const started = Date.now();
  const whileDown = await device.manager.revokeClient({ jid, id: target.id });
  expect(Date.now() - started).toBeLessThan(1_000);
  // Refused at once and typed: the user is told the connection is being restored, nothing is queued.
  expect(whileDown).toEqual({ ok: false, error: { kind: "disconnected" } });

  const online = nextEvent(device.manager, "state-changed", stateIs("online"));
  const refreshed = nextList(device.manager);
  proxy.setDown(false);
  await online;
  const after = await refreshed;
  expect(after.clients.some((c) => c.id === target.id)).toBe(true);
  expect(await server.revokeRequests(jid)).toBe(countBefore);

  expect(await device.manager.revokeClient({ jid, id: target.id })).toEqual({ ok: true, value: { outcome: "gone", removed: ["grant"] } });
  expect(await server.revokeRequests(jid)).toBe(countBefore + 1);
});

// Fault: the connection is reset while a revoke is in flight. The user sees either the outcome
// (the revoke was re-sent once on stream resumption and answered) or a typed failure; the server
// gets the revoke at most once, and the list shown afterwards tells the truth. Not lost: the
// user's intent — if it was reported as done, the grant is gone.
it("never sends a revoke twice when the connection resets mid-revoke", async () => {
  const { device, jid } = await signedInThroughProxy();
  const target = await grantedApp(device, jid);
  const countBefore = await server.revokeRequests(jid);
  const spy = spyOnUnhandledRejections();
  try {
    const online = nextEvent(device.manager, "state-changed", stateIs("online"));
    const reset = proxy.resetOnNextClientWrite();
    const revoking = device.manager.revokeClient({ jid, id: target.id });
    await reset;
    const result = await revoking;
    await online;
    const after = await device.manager.listClients({ jid });
    if (!after.ok) throw new Error("list after reconnect failed");
    const sent = (await server.revokeRequests(jid)) - countBefore;
    expect(sent).toBeLessThanOrEqual(1);
    const stillListed = after.value.clients.some((c) => c.id === target.id);
    if (result.ok) {
      // Gone as the next list showed; "already-gone" when the revoke's reply was lost to the reset.
      expect([{ outcome: "gone", removed: ["grant"] }, { outcome: "already-gone" }]).toContainEqual(result.value);
      expect(sent).toBe(1);
      expect(stillListed).toBe(false);
    } else {
      expect(["timeout", "disconnected", "not-signed-in"]).toContain(result.error.kind);
      // Reported as failed: the list says whether it happened anyway.
      expect(stillListed).toBe(sent === 0);
    }
    await settleTick();
    expect(spy.reasons).toEqual([]);
    console.info(`[reset mid-revoke] result ${JSON.stringify(result)}; revoke requests received: ${sent}`);
  } finally {
    spy.stop();
  }
});
