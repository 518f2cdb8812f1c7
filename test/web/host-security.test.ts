// Browser mode's gate, with real HTTP and WebSocket requests against a host running a real core.
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebHost } from "../../web/host.js";
import { authorise, createFixture, INDEX_HTML, rawRequest, SECRET_TEXT, startHost, tryUpgrade, type Fixture } from "./helpers.js";

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

  it("is a 256-bit base64url value on a 127.0.0.1 URL", () => {
    expect(host.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${host.port}/\\?token=[A-Za-z0-9_-]{43}$`));
  });

  it("refuses a request with no token and no cookie", async () => {
    expect((await rawRequest(host.port, "/")).status).toBe(403);
    expect((await rawRequest(host.port, "/index.html")).status).toBe(403);
  });

  it("refuses a wrong token, and one sent with a POST or to another path", async () => {
    expect((await rawRequest(host.port, "/?token=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")).status).toBe(403);
    expect((await rawRequest(host.port, "/?token=")).status).toBe(403);
    const real = new URL(host.url).searchParams.get("token") ?? "";
    expect((await rawRequest(host.port, `/?token=${real}&token=${real}`)).status).toBe(403);
    expect((await rawRequest(host.port, `/index.html?token=${real}`)).status).toBe(403);
    expect((await rawRequest(host.port, `/?token=${real}`, { method: "POST", headers: { origin: host.origin } })).status).toBe(403);
  });

  it("swaps the right token for an HttpOnly SameSite=Strict cookie and a 303 to /", async () => {
    const res = await rawRequest(host.port, tokenPath(host));
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe("/");
    const setCookie = res.headers["set-cookie"] ?? [];
    expect(setCookie).toHaveLength(1);
    const cookie = setCookie[0] ?? "";
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
    const [pair] = cookie.split(";");
    const value = pair?.split("=")[1] ?? "";
    expect(value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(value).not.toBe(new URL(host.url).searchParams.get("token"));

    const page = await rawRequest(host.port, "/", { headers: { cookie: pair ?? "" } });
    expect(page.status).toBe(200);
    expect(page.body).toBe(INDEX_HTML);
    expect(page.headers["content-type"]).toBe("text/html; charset=utf-8");
  });

  it("is spent after one use", async () => {
    expect((await rawRequest(host.port, tokenPath(host))).status).toBe(403);
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
    expect((await rawRequest(host.port, tokenPath(host), { headers: { cookie } })).status).toBe(403);
  });

  it("serves assets with their content types", async () => {
    const js = await rawRequest(host.port, "/assets/app.js", { headers: { cookie } });
    expect(js.status).toBe(200);
    expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    const css = await rawRequest(host.port, "/assets/app.css", { headers: { cookie } });
    expect(css.headers["content-type"]).toBe("text/css; charset=utf-8");
    expect((await rawRequest(host.port, "/assets/missing.js", { headers: { cookie } })).status).toBe(404);
    expect((await rawRequest(host.port, "/assets", { headers: { cookie } })).status).toBe(404);
    const head = await rawRequest(host.port, "/assets/app.js", { method: "HEAD", headers: { cookie } });
    expect(head.status).toBe(200);
    expect(head.body).toBe("");
  });

  it("refuses HTTP without the cookie or with a wrong one", async () => {
    const name = cookie.split("=")[0];
    for (const headers of [{} as Record<string, string>, { cookie: `${name}=wrong` }, { cookie: `${name}=` }, { cookie: `other=${cookie.split("=")[1]}` }]) {
      expect((await rawRequest(host.port, "/", { headers })).status).toBe(403);
      expect((await rawRequest(host.port, "/assets/app.js", { headers })).status).toBe(403);
    }
  });

  it("refuses a Host it isn't (DNS rebinding), even with the cookie", async () => {
    for (const hostHeader of [`evil.example:${host.port}`, `127.0.0.1:${host.port + 1}`, "127.0.0.1", `127.0.0.2:${host.port}`, `localhost.evil.example:${host.port}`]) {
      expect((await rawRequest(host.port, "/", { headers: { cookie }, hostHeader })).status).toBe(403);
    }
    expect((await rawRequest(host.port, "/", { headers: { cookie }, hostHeader: `localhost:${host.port}` })).status).toBe(200);
  });

  it("refuses non-GET requests from another Origin, and answers 405 to the right one", async () => {
    expect((await rawRequest(host.port, "/", { method: "POST", headers: { cookie } })).status).toBe(403);
    expect((await rawRequest(host.port, "/", { method: "POST", headers: { cookie, origin: "http://evil.example" } })).status).toBe(403);
    expect((await rawRequest(host.port, "/", { method: "DELETE", headers: { cookie, origin: host.origin } })).status).toBe(405);
  });

  it("sends the CSP and hardening headers on every response, with no unsafe-inline", async () => {
    const responses = [
      await rawRequest(host.port, "/", { headers: { cookie } }),
      await rawRequest(host.port, "/assets/app.js", { headers: { cookie } }),
      await rawRequest(host.port, "/nope", { headers: { cookie } }),
      await rawRequest(host.port, "/"),
    ];
    for (const res of responses) {
      const csp = String(res.headers["content-security-policy"]);
      expect(csp).toBe(
        `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self' ws://127.0.0.1:${host.port} ws://localhost:${host.port}; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`,
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
      const res = await rawRequest(host.port, path, { headers: { cookie } });
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
      { cookie, origin: `http://127.0.0.1:${host.port + 1}` },
      { cookie, origin: "null" },
      { cookie, origin: host.origin, host: `evil.example:${host.port}` },
    ];
    for (const headers of attempts) {
      expect(await tryUpgrade(host.port, headers), JSON.stringify(headers)).toEqual({ opened: false, status: 403 });
    }
    expect(await tryUpgrade(host.port, { cookie, origin: host.origin }, "/elsewhere")).toEqual({ opened: false, status: 404 });
    const good = await tryUpgrade(host.port, { cookie, origin: `http://localhost:${host.port}` });
    expect(good.opened).toBe(true);
    if (good.opened) good.socket.close();
  });
});

describe("listening", () => {
  it("is on 127.0.0.1 only", async () => {
    const host = await startHost(fixture);
    try {
      expect(new URL(host.url).hostname).toBe("127.0.0.1");
      expect(await refused("127.0.0.1", host.port)).toBe(false);
      expect(await refused("::1", host.port)).toBe(true);
      const external = Object.values(networkInterfaces())
        .flat()
        .filter((a) => a !== undefined && !a.internal);
      for (const address of external) expect(await refused(address?.address ?? "", host.port), address?.address).toBe(true);
    } finally {
      await host.close();
    }
  });

  it("closes cleanly, twice", async () => {
    const host = await startHost(fixture);
    await host.close();
    await host.close();
    expect(await refused("127.0.0.1", host.port)).toBe(true);
  });
});
