import type { HtmlTagDescriptor, Plugin, UserConfig } from "vite";
import { describe, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY, serveAppRequest } from "../../../electron/app-protocol.js";
import viteConfig from "../../../renderer/vite.config.js";
import { securityHeaders as browserModeHeaders } from "../../../web/security.js";

/** Each directive's name → its sources, so policies compare whatever their order. */
function directives(policy: string): Map<string, string> {
  return new Map(policy.split("; ").map((directive) => [directive.split(" ")[0] ?? "", directive.split(" ").slice(1).join(" ")]));
}

/** The hardening headers besides the policy, lower-cased: what every response must carry. */
const HARDENING = ["x-content-type-options", "referrer-policy", "cross-origin-opener-policy", "cache-control"];

function hardening(headers: Record<string, string>): Record<string, string | undefined> {
  const lowerCased = Object.fromEntries(Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]));
  return Object.fromEntries(HARDENING.map((name) => [name, lowerCased[name]]));
}

function vitePlugin(name: string): Plugin {
  const plugin = (viteConfig.plugins ?? []).flat().find((p): p is Plugin => typeof p === "object" && p !== null && "name" in p && p.name === name);
  if (plugin === undefined) throw new Error(`no ${name} plugin in renderer/vite.config.ts`);
  return plugin;
}

async function shellHeaders(): Promise<Record<string, string>> {
  // A missing file still gets the headers: every response carries them.
  const response = await serveAppRequest(new Request("app://warden/index.html"), "/nonexistent-warden-root");
  return Object.fromEntries(response.headers.entries());
}

const listening = { address: "127.4.5.6", port: 41234 };
const shell = directives(CONTENT_SECURITY_POLICY);

describe("one policy for every page Warden serves", () => {
  it("browser mode's header is the shell's, plus its own WebSocket address", async () => {
    const browser = browserModeHeaders(listening);
    const browserPolicy = directives(browser["Content-Security-Policy"] ?? "");
    expect(browserPolicy.get("connect-src")).toBe(`${shell.get("connect-src")} ws://127.4.5.6:41234`);
    browserPolicy.delete("connect-src");
    const shellRest = new Map(shell);
    shellRest.delete("connect-src");
    expect(browserPolicy).toEqual(shellRest);
    expect(hardening(browser)).toEqual(hardening(await shellHeaders()));
  });

  it("the built page's <meta> is the shell's policy without frame-ancestors, which only a header can carry", () => {
    const transform = vitePlugin("warden-built-page-policy").transformIndexHtml;
    if (typeof transform !== "function") throw new Error("transformIndexHtml is not a plain function");
    const tags = transform.call(undefined as never, "", undefined as never) as HtmlTagDescriptor[];
    const meta = tags.find((tag) => tag.tag === "meta" && tag.attrs?.["http-equiv"] === "Content-Security-Policy");
    const metaPolicy = directives(String(meta?.attrs?.content));
    expect(shell.get("frame-ancestors")).toBe("'none'");
    const shellRest = new Map(shell);
    shellRest.delete("frame-ancestors");
    expect(metaPolicy).toEqual(shellRest);
  });

  it("the dev server sends the same headers, its only allowance a nonce for scripts and styles", async () => {
    const config = vitePlugin("warden-dev-server-headers").config;
    if (typeof config !== "function") throw new Error("config is not a plain function");
    const returned = (await config.call(undefined as never, {}, { command: "serve", mode: "development" })) as UserConfig;
    const headers = returned.server?.headers as Record<string, string>;
    const nonce = returned.html?.cspNonce;
    expect(nonce).toMatch(/^[\w-]{16,}$/);
    const devPolicy = directives(headers["Content-Security-Policy"] ?? "");
    expect(devPolicy.get("script-src")).toBe(`'self' 'nonce-${nonce}'`);
    expect(devPolicy.get("style-src")).toBe(`'self' 'nonce-${nonce}'`);
    for (const name of ["script-src", "style-src"]) devPolicy.set(name, shell.get(name) ?? "");
    expect(devPolicy).toEqual(shell);
    expect(hardening(headers)).toEqual(hardening(await shellHeaders()));
  });
});
