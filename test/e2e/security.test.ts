// Browser mode's refusals, seen from a real Chromium: no page without the launch token, no
// WebSocket from another origin, no request with a foreign Host, no inline script.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Page } from "playwright-core";
import { afterEach, describe, expect, it } from "vitest";
import { rawRequest, tryUpgrade } from "../web/helpers.js";
import { tokenOf, useBrowserMode, type Warden } from "./browser-mode.js";
import type { PageDocument } from "./page-dom.js";

// Globals of the page, for page.evaluate callbacks (see page-dom.ts).
declare const document: PageDocument;
declare const window: { __inlineRan?: boolean };

const e2e = useBrowserMode();
const FORBIDDEN =
  "Forbidden. Open Warden through the link it printed when it started. Each link works once, and the session it starts lasts 12 hours; restart Warden for a new link.";

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** A page somewhere else on this machine: a tiny HTTP server on another loopback port. */
async function otherOrigin(html: string): Promise<string> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end(html);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

type SocketAttempt = { opened: boolean; closeCode: number | null; error: boolean };

/** Runs `new WebSocket(url)` in the page and reports whether it ever opened. */
function trySocket(page: Page, url: string): Promise<SocketAttempt> {
  return page.evaluate(
    (target) =>
      new Promise<SocketAttempt>((resolve) => {
        const attempt: SocketAttempt = { opened: false, closeCode: null, error: false };
        const socket = new WebSocket(target);
        socket.onopen = () => {
          attempt.opened = true;
          socket.close(1000);
        };
        socket.onerror = () => {
          attempt.error = true;
        };
        socket.onclose = (event) => {
          attempt.closeCode = event.code;
          resolve(attempt);
        };
      }),
    url,
  );
}

async function sessionCookie(warden: Warden): Promise<string> {
  const cookies = await warden.context.cookies(warden.host.origin);
  const cookie = cookies.find((c) => c.name === warden.host.cookieName);
  if (!cookie) throw new Error("no session cookie in the browser");
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/" });
  return `${cookie.name}=${cookie.value}`;
}

describe("browser mode refuses", () => {
  it("the page without the launch token, and the launch link a second time", async () => {
    const warden = await e2e.open({ openPage: false });
    const stranger = await e2e.browser.newContext();
    try {
      const page = await stranger.newPage();
      const bare = await page.goto(`${warden.host.origin}/`);
      expect(bare?.status()).toBe(403);
      expect((await page.locator("body").innerText()).trim()).toBe(FORBIDDEN);

      // The rightful browser spends the link…
      const first = await warden.page.goto(warden.launchUrl);
      expect(first?.status()).toBe(200);
      expect(new URL(warden.page.url()).search).toBe("");
      await warden.page.getByRole("heading", { name: "Sign in to your XMPP account" }).waitFor();
      // …so the same link is refused to anyone else, and the page's document can't be read without the cookie.
      const again = await page.goto(warden.launchUrl);
      expect(again?.status()).toBe(403);
      expect((await page.locator("body").innerText()).trim()).toBe(FORBIDDEN);
      const index = await page.goto(`${warden.host.origin}/index.html`);
      expect(index?.status()).toBe(403);
      // The rightful browser got no readable cookie (HttpOnly).
      expect(await warden.page.evaluate(() => document.cookie)).toBe("");
    } finally {
      await stranger.close();
    }
  });

  it("a WebSocket opened by a page from another origin, even with the session cookie in the browser", async () => {
    const warden = await e2e.open();
    const wsUrl = `${warden.host.origin.replace("http:", "ws:")}/ws`;

    // Control: the app's own origin may open it (the app itself is already connected over it).
    expect(await trySocket(warden.page, wsUrl)).toMatchObject({ opened: true });

    // A page on another local address or port: the Origin check refuses it, whatever the cookie does.
    const elsewhere = await otherOrigin("<!doctype html><title>Elsewhere</title><p>Another local page</p>");
    const attacker = await warden.context.newPage();
    await attacker.goto(elsewhere);
    expect(await trySocket(attacker, wsUrl)).toEqual({ opened: false, closeCode: 1006, error: true });
    // And a page with an opaque origin.
    const blank = await warden.context.newPage();
    await blank.goto("about:blank");
    expect(await trySocket(blank, wsUrl)).toEqual({ opened: false, closeCode: 1006, error: true });

    // The same refusal seen from the server's side: the upgrade is answered 403 for that Origin, with the cookie.
    const cookie = await sessionCookie(warden);
    expect(await tryUpgrade(warden.host, { cookie, origin: elsewhere })).toEqual({ opened: false, status: 403 });
    const allowed = await tryUpgrade(warden.host, { cookie, origin: warden.host.origin });
    expect(allowed.opened).toBe(true);
    if (allowed.opened) allowed.socket.close();
  });

  it("a request or upgrade whose Host isn't Warden's own address and port (DNS rebinding)", async () => {
    const warden = await e2e.open();
    const cookie = await sessionCookie(warden);
    const { address, port } = warden.host;

    const right = await rawRequest(warden.host, "/", { headers: { cookie } });
    expect(right.status).toBe(200);
    expect(right.body).toContain('<div id="root">');

    const others = [`attacker.example:${port}`, address, `${address}:${port + 1}`, `${address}.attacker.example:${port}`, `127.9.9.9:${port}`];
    if (address !== "127.0.0.1") others.push(`127.0.0.1:${port}`, `localhost:${port}`);
    for (const host of others) {
      const refused = await rawRequest(warden.host, "/", { headers: { cookie }, hostHeader: host });
      expect({ host, status: refused.status }).toEqual({ host, status: 403 });
      expect(refused.body).not.toContain("<div id=\"root\">");
    }
    expect(await tryUpgrade(warden.host, { cookie, origin: warden.host.origin, host: `attacker.example:${port}` })).toEqual({ opened: false, status: 403 });
    // The token never reached the page's text or address.
    expect(warden.page.url()).not.toContain(tokenOf(warden.launchUrl));
  });

  it("inline script, by its Content-Security-Policy", async () => {
    const warden = await e2e.open();
    const ran = await warden.page.evaluate(async () => {
      const script = document.createElement("script");
      script.textContent = "window.__inlineRan = true;";
      document.body.append(script);
      await new Promise((resolve) => setTimeout(resolve, 0));
      return window.__inlineRan === true;
    });
    expect(ran).toBe(false);
    expect(warden.consoleErrors.some((line) => line.includes("Content Security Policy"))).toBe(true);
  });
});
