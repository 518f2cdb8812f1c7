import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY, lookupAppFile, serveAppRequest } from "../../electron/app-protocol.js";

let dir: string;
let root: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "warden-app-protocol-"));
  root = join(dir, "renderer");
  mkdirSync(join(root, "assets"), { recursive: true });
  writeFileSync(join(root, "index.html"), "<!doctype html><title>Warden</title>");
  writeFileSync(join(root, "assets", "index.js"), "console.log(1);");
  writeFileSync(join(root, "assets", "index.css"), "body{}");
  writeFileSync(join(dir, "secret.txt"), "outside the root");
  symlinkSync(join(dir, "secret.txt"), join(root, "assets", "link.txt"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const get = (url: string, method = "GET") => serveAppRequest(new Request(url, { method }), root);

describe("serveAppRequest", () => {
  it("serves index.html for the entry URL and for /, with the CSP header", async () => {
    for (const url of [APP_ENTRY_URL, "app://warden/", "app://warden"]) {
      const response = await get(url);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
      expect(response.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(await response.text()).toContain("<title>Warden</title>");
    }
  });

  it("serves assets with their content type; HEAD has no body", async () => {
    const js = await get("app://warden/assets/index.js?v=1");
    expect(js.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(await js.text()).toBe("console.log(1);");
    const css = await get("app://warden/assets/index.css", "HEAD");
    expect(css.status).toBe(200);
    expect(css.headers.get("content-type")).toBe("text/css; charset=utf-8");
    expect(await css.text()).toBe("");
  });

  it("answers 404 for missing files and directories, with the CSP header", async () => {
    for (const url of ["app://warden/nope.js", "app://warden/assets", "app://warden/assets/"]) {
      const response = await get(url);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it("resolves dot segments (also encoded) inside the root, never above it", async () => {
    for (const url of ["app://warden/%2e%2e/secret.txt", "app://warden/../secret.txt", "app://warden/assets/../../secret.txt"]) {
      const response = await get(url);
      expect(response.status).toBe(404);
      expect(await response.text()).not.toContain("outside the root");
    }
  });

  it.each([
    ["an encoded slash with ..", "app://warden/assets/..%2f..%2fsecret.txt"],
    ["an encoded backslash", "app://warden/assets%5c..%5c..%5csecret.txt"],
    ["a NUL byte", "app://warden/index.html%00.js"],
    ["a symlink out of the root", "app://warden/assets/link.txt"],
    ["another host", "app://elsewhere/index.html"],
    ["bad percent-encoding", "app://warden/%E0%A4%A"],
  ])("refuses %s with 403", async (_name, url) => {
    const response = await get(url);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain("outside the root");
  });

  it("refuses other schemes and credentials", async () => {
    await expect(lookupAppFile("app://user@warden/index.html", root)).resolves.toEqual({ kind: "forbidden" });
    await expect(lookupAppFile("file:///etc/passwd", root)).resolves.toEqual({ kind: "forbidden" });
    await expect(lookupAppFile("https://warden/index.html", root)).resolves.toEqual({ kind: "forbidden" });
  });

  it("answers 405 to anything but GET and HEAD", async () => {
    const response = await serveAppRequest(new Request("app://warden/index.html", { method: "POST", body: "x" }), root);
    expect(response.status).toBe(405);
  });
});

describe("CONTENT_SECURITY_POLICY", () => {
  const directives = new Map(CONTENT_SECURITY_POLICY.split("; ").map((d) => [d.split(" ")[0], d.split(" ").slice(1).join(" ")]));

  it("denies by default and allows scripts and styles only from the app", () => {
    expect(directives.get("default-src")).toBe("'none'");
    expect(directives.get("script-src")).toBe("'self'");
    expect(directives.get("style-src")).toBe("'self'");
    expect(directives.get("object-src")).toBe("'none'");
    expect(directives.get("base-uri")).toBe("'none'");
    expect(directives.get("frame-ancestors")).toBe("'none'");
  });

  it("allows no inline code, eval, or remote host", () => {
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|wss?:|\*/);
  });
});
