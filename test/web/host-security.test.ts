// Browser mode's gate, with real HTTP and WebSocket requests against a host running a real core.
import { connect, createServer } from "node:net";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startWebHost, type WebHost } from "../../web/host.js";
import { FALLBACK_ADDRESS, listenOnLoopback, randomLoopbackAddress } from "../../web/loopback.js";
import { contentSecurityPolicy } from "../../web/security.js";
import { authorise, createFixture, INDEX_HTML, rawRequest, SECRET_TEXT, startHost, tryUpgrade, type Fixture } from "./helpers.js";

const LOOPBACK = /^127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const TWELVE_HOURS_MS = 12 * 60 * 60 * 1000;

let fixture: Fixture;
beforeAll(() => {
  fixture = createFixture();
});
afterAll(async () => {
  await fixture.cleanup();
});

function tokenPath(host: WebHost): string {
  const url = new URL(host.url);
  return `${url.pathname}${url.search}`;
}

/** Another address in 127.0.0.0/8 than the host's, on the same port. */
function otherLoopback(host: WebHost): string {
  return host.address === "127.9.9.9" ? "127.9.9.10" : "127.9.9.9";
}

function refused(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(false);
    });
    socket.once("error", () => resolve(true));
  });
}

describe("the launch token", () => {
  let host: WebHost;
  beforeAll(async () => {
    host = await startHost(fixture);
  });
  afterAll(() => host.close());

  it("is a 256-bit base64url value on a URL with the host's own address", () => {
    expect(host.url).toMatch(new RegExp(`^http://${host.address.replaceAll(".", "\\.")}:${host.port}/\\?token=[A-Za-z0-9_-]{43}$`));
    expect(host.origin).toBe(`http://${host.address}:${host.port}`);
  });

  it("refuses a request with no token and no cookie", async () => {
    expect((await rawRequest(host, "/")).status).toBe(403);
    expect((await rawRequest(host, "/index.html")).status).toBe(403);
  });

  it("refuses a wrong token, and one sent with a POST or to another path", async () => {
    expect((await rawRequest(host, "/?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).status).toBe(403);
    expect((await rawRequest(host, "/?token=")).status).toBe(403);
    const real = new URL(host.url).searchParams.get("token") ?? "";
    expect((await rawRequest(host, `/?token=${real}&token=${real}`)).status).toBe(403);
    expect((await rawRequest(host, `/index.html?token=${real}`)).status).toBe(403);
    expect((await rawRequest(host, `/?token=${real}`, { method: "POST", headers: { origin: host.origin } })).status).toBe(403);
  });

  it("swaps the right token for a host-only, HttpOnly, SameSite=Strict, 12-hour cookie and a 303 to /", async () => {
    // The refused attempts above didn't count as the launch.
    expect(await Promise.race([host.launched.then(() => "launched"), Promise.resolve("pending")])).toBe("pending");
    const res = await rawRequest(host, tokenPath(host));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/");
    const setCookie = res.headers["set-cookie"] ?? [];
    expect(setCookie).toHaveLength(1);
    const cookie = setCookie[0] ?? "";
    const [pair, ...attributes] = cookie.split("; ");
    expect(pair?.split("=")[0]).toBe(host.cookieName);
    // No Domain: the browser sends it back to this address only. Max-Age bounds how long it keeps it.
    expect(attributes).toEqual(["HttpOnly", "SameSite=Strict", "Path=/", `Max-Age=${12 * 60 * 60}`]);
    await host.launched;

    const value = pair?.split("=")[1] ?? "";
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(value).not.toBe(new URL(host.url).searchParams.get("token"));

    const page = await rawRequest(host, "/", { headers: { cookie: pair ?? "" } });
    expect(page.status).toBe(200);
    expect(page.body).toBe(INDEX_HTML);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
  });

  it("is spent after one use", async () => {
    expect((await rawRequest(host, tokenPath(host))).status).toBe(403);
  });
});

describe("with a session", () => {
  let host: WebHost;
  let cookie: string;
  beforeAll(async () => {
    host = await startHost(fixture);
    cookie = await authorise(host);
  });
  afterAll(() => host.close());

  it("a spent token is refused even with the cookie", async () => {
    expect((await rawRequest(host, tokenPath(host), { headers: { cookie } })).status).toBe(403);
  });

  it("serves assets with their content types", async () => {
    const js = await rawRequest(host, "/assets/app.js", { headers: { cookie } });
    expect(js.status).toBe(200);
    expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    const css = await rawRequest(host, "/assets/app.css", { headers: { cookie } });
    expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect((await rawRequest(host, "/assets/missing.js", { headers: { cookie } })).status).toBe(404);
    expect((await rawRequest(host, "/assets", { headers: { cookie } })).status).toBe(404);
    const head = await rawRequest(host, "/assets/app.js", { method: "HEAD", headers: { cookie } });
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
  });

  it("refuses HTTP without the cookie or with a wrong one", async () => {
    const name = cookie.split("=")[0];
    for (const headers of [{} as Record<string, string>, { cookie: `${name}=wrong` }, { cookie: `${name}=` }, { cookie: `other=${cookie.split("=")[1]}` }]) {
      expect((await rawRequest(host, "/", { headers })).status).toBe(403);
      expect((await rawRequest(host, "/assets/app.js", { headers })).status).toBe(403);
    }
  });

  it("refuses a Host it isn't (DNS rebinding), even with the cookie", async () => {
    const { address, port } = host;
    const others = [
      `evil.example:${port}`,
      `${address}:${port + 1}`,
      address,
      `${otherLoopback(host)}:${port}`,
      `localhost.evil.example:${port}`,
      `${address}.evil.example:${port}`,
    ];
    // Where the host has an address of its own, 127.0.0.1 and localhost are other hosts too.
    if (address !== FALLBACK_ADDRESS) others.push(`127.0.0.1:${port}`, `localhost:${port}`);
    for (const hostHeader of others) {
      expect({ hostHeader, status: (await rawRequest(host, "/", { headers: { cookie }, hostHeader })).status }).toEqual({ hostHeader, status: 403 });
    }
    expect((await rawRequest(host, "/", { headers: { cookie } })).status).toBe(200);
  });

  it("refuses non-GET requests from another Origin, and answers 405 to the right one", async () => {
    expect((await rawRequest(host, "/", { method: "POST", headers: { cookie } })).status).toBe(403);
    expect((await rawRequest(host, "/", { method: "POST", headers: { cookie, origin: "http://evil.example" } })).status).toBe(403);
    expect((await rawRequest(host, "/", { method: "DELETE", headers: { cookie, origin: host.origin } })).status).toBe(405);
  });

  it("sends the CSP and hardening headers on every response, with no unsafe-inline", async () => {
    const responses = [
      await rawRequest(host, "/", { headers: { cookie } }),
      await rawRequest(host, "/assets/app.js", { headers: { cookie } }),
      await rawRequest(host, "/nope", { headers: { cookie } }),
      await rawRequest(host, "/"),
    ];
    for (const res of responses) {
      const csp = String(res.headers["content-security-policy"]);
      expect(csp).toBe(
        `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self' ws://${host.address}:${host.port}; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'; frame-ancestors 'none'`,
      );
      expect(csp).not.toContain("unsafe-inline");
      expect(csp).not.toContain("unsafe-eval");
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["referrer-policy"]).toBe("no-referrer");
      expect(res.headers["cross-origin-opener-policy"]).toBe("same-origin");
      expect(res.headers["cache-control"]).toBe("no-store");
    }
  });

  it("never serves a file outside the static dir", async () => {
    const paths = [
      "/../secret.txt",
      "/../../package.json",
      "/%2e%2e/secret.txt",
      "/%2E%2E/secret.txt",
      "/%2e%2e%2fsecret.txt",
      "/assets/..%2f..%2fsecret.txt",
      "/..%5csecret.txt",
      "/assets/%2e%2e/%2e%2e/secret.txt",
      "/%252e%252e/secret.txt",
      "//etc/passwd",
      "/%00index.html",
      "/%E0%A4%A",
      `/${"../".repeat(10)}etc/passwd`,
    ];
    for (const path of paths) {
      const res = await rawRequest(host, path, { headers: { cookie } });
      expect([400, 403, 404], path).toContain(res.status);
      expect(res.body, path).not.toContain(SECRET_TEXT);
      expect(res.body, path).not.toContain("root:");
    }
  });

  it("refuses the WebSocket upgrade without the cookie, with a wrong one, a wrong Origin or Host", async () => {
    const name = cookie.split("=")[0];
    const attempts = [
      { origin: host.origin },
      { cookie: `${name}=wrong`, origin: host.origin },
      { cookie },
      { cookie, origin: "http://evil.example" },
      { cookie, origin: `http://${host.address}:${host.port + 1}` },
      { cookie, origin: `http://${otherLoopback(host)}:${host.port}` },
      { cookie, origin: "null" },
      { cookie, origin: host.origin, host: `evil.example:${host.port}` },
      { cookie, origin: host.origin, host: `${otherLoopback(host)}:${host.port}` },
    ];
    if (host.address !== FALLBACK_ADDRESS) {
      attempts.push({ cookie, origin: `http://127.0.0.1:${host.port}` }, { cookie, origin: `http://localhost:${host.port}` });
    }
    for (const headers of attempts) {
      expect(await tryUpgrade(host, headers), JSON.stringify(headers)).toEqual({ opened: false, status: 403 });
    }
    expect(await tryUpgrade(host, { cookie, origin: host.origin }, "/elsewhere")).toEqual({ opened: false, status: 404 });
    const good = await tryUpgrade(host, { cookie, origin: host.origin });
    expect(good.opened).toBe(true);
    if (good.opened) good.socket.close();
  });
});

describe("the session", () => {
  it("lasts 12 hours from the launch, for pages and the WebSocket alike", async () => {
    let clock = Date.UTC(2025, 5, 15, 8, 0, 0);
    // The host's clock, moved by the test: twelve hours can't be waited for.
    const host = await startWebHost({ manager: fixture.manager, staticDir: fixture.staticDir, now: () => clock });
    try {
      const cookie = await authorise(host);
      clock += TWELVE_HOURS_MS - 1;
      expect((await rawRequest(host, "/", { headers: { cookie } })).status).toBe(200);
      const before = await tryUpgrade(host, { cookie, origin: host.origin });
      expect(before.opened).toBe(true);
      if (before.opened) before.socket.close();

      clock += 1;
      const expired = await rawRequest(host, "/", { headers: { cookie } });
      expect(expired.status).toBe(403);
      expect(expired.body).toContain("restart Warden for a new link");
      expect(await tryUpgrade(host, { cookie, origin: host.origin })).toEqual({ opened: false, status: 403 });
    } finally {
      await host.close();
    }
  });
});

describe("listening", () => {
  it("is on an address of its own in 127.0.0.0/8, and nowhere else", async () => {
    const host = await startHost(fixture);
    try {
      expect(host.address).toMatch(LOOPBACK);
      expect(new URL(host.url).hostname).toBe(host.address);
      expect(await refused(host.address, host.port)).toBe(false);
      expect(await refused(otherLoopback(host), host.port)).toBe(true);
      if (host.address !== FALLBACK_ADDRESS) expect(await refused("127.0.0.1", host.port)).toBe(true);
      expect(await refused("::1", host.port)).toBe(true);
      const external = Object.values(networkInterfaces())
        .flat()
        .filter((a) => a !== undefined && !a.internal);
      for (const address of external) expect(await refused(address?.address ?? "", host.port), address?.address).toBe(true);
    } finally {
      await host.close();
    }
  });

  // Linux and Windows route all of 127.0.0.0/8 to loopback; macOS falls back to 127.0.0.1.
  it.skipIf(process.platform === "darwin")("picks a new address each run, away from 127.0.x.x", async () => {
    const first = await startHost(fixture);
    const second = await startHost(fixture);
    try {
      for (const host of [first, second]) {
        expect(host.address).toMatch(LOOPBACK);
        expect(host.address.startsWith("127.0.")).toBe(false);
      }
      expect(first.address).not.toBe(second.address);
      // Each host answers under its own name only: the other's cookie and Host are refused.
      const cookie = await authorise(first);
      expect((await rawRequest(first, "/", { headers: { cookie } })).status).toBe(200);
      const misdirected = await rawRequest(second, "/", { headers: { cookie }, hostHeader: `${first.address}:${second.port}` });
      expect(misdirected.status).toBe(403);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it("falls back to 127.0.0.1 where the OS doesn't offer the address, and follows it", async () => {
    const server = createServer();
    try {
      // 192.0.2.1 (TEST-NET-1) is on no interface: the OS refuses it as macOS refuses 127.X.Y.Z.
      const address = await listenOnLoopback(server, 0, "192.0.2.1");
      expect(address).toBe(FALLBACK_ADDRESS);
      const bound = server.address();
      expect(bound).toMatchObject({ address: FALLBACK_ADDRESS });
      const port = typeof bound === "object" && bound !== null ? bound.port : 0;
      expect(contentSecurityPolicy({ address, port })).toContain(`connect-src 'self' ws://127.0.0.1:${port};`);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("reports a port that is taken instead of moving elsewhere", async () => {
    const taken = createServer();
    const second = createServer();
    try {
      const address = await listenOnLoopback(taken, 0);
      const bound = taken.address();
      const port = typeof bound === "object" && bound !== null ? bound.port : 0;
      await expect(listenOnLoopback(second, port, address)).rejects.toMatchObject({ code: "EADDRINUSE" });
      expect(second.listening).toBe(false);
    } finally {
      await new Promise((resolve) => taken.close(resolve));
    }
  });

  it("draws addresses across 127.1.0.1–127.255.255.254", () => {
    for (let i = 0; i < 2000; i++) {
      const match = LOOPBACK.exec(randomLoopbackAddress());
      expect(match).not.toBeNull();
      const [x, y, z] = (match ?? []).slice(1).map(Number);
      expect(x).toBeGreaterThanOrEqual(1);
      expect(x).toBeLessThanOrEqual(255);
      expect(y).toBeLessThanOrEqual(255);
      expect(z).toBeGreaterThanOrEqual(1);
      expect(z).toBeLessThanOrEqual(254);
    }
  });

  it("closes cleanly, twice", async () => {
    const host = await startHost(fixture);
    await host.close();
    await host.close();
    expect(await refused(host.address, host.port)).toBe(true);
  });
});
