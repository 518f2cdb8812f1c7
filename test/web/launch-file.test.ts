// The launch page and the opener: the token reaches the browser through a file only this user can
// read, and never through a command line.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebHost } from "../../web/host.js";
import { launchPage, writeLaunchFile } from "../../web/launch-file.js";
import { openerCommand } from "../../web/opener.js";
import { createFixture, rawRequest, startHost, type Fixture } from "./helpers.js";

const modeOf = (path: string) => statSync(path).mode & 0o777;

/** The URL the page's meta refresh sends the browser to, as the browser would decode it. */
function refreshTarget(html: string): string {
  const content = /<meta http-equiv="refresh" content="0;url=([^"]*)">/.exec(html)?.[1];
  if (content === undefined) throw new Error("no meta refresh");
  return content.replaceAll("&amp;", "&");
}

let fixture: Fixture;
let host: WebHost;
let parent: string;
beforeAll(async () => {
  fixture = createFixture();
  host = await startHost(fixture);
  parent = mkdtempSync(join(tmpdir(), "warden-launch-test-"));
});
afterAll(async () => {
  await host.close();
  await fixture.cleanup();
  rmSync(parent, { recursive: true, force: true });
});

describe("the launch page", () => {
  it("redirects to the link at once, with a link to click as well, and loads nothing", () => {
    const html = launchPage("http://127.1.2.3:4567/?token=abc_DEF-123");
    expect(refreshTarget(html)).toBe("http://127.1.2.3:4567/?token=abc_DEF-123");
    expect(html).toContain('<a href="http://127.1.2.3:4567/?token=abc_DEF-123">Open Warden</a>');
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="default-src 'none'">`);
    expect(html).toContain('<meta name="referrer" content="no-referrer">');
    expect(html).not.toMatch(/<script|src=/);
  });

  it("escapes what it puts in attributes", () => {
    const html = launchPage(`http://127.1.2.3:1/?a=1&b="><script>x</script>'`);
    expect(html).not.toContain("<script>");
    expect(html).toContain("?a=1&amp;b=&quot;&gt;&lt;script&gt;x&lt;/script&gt;&#39;");
  });
});

// Windows has no owner/group/other bits to check.
describe.skipIf(process.platform === "win32")("the launch file", () => {
  it("is 0600 in a folder of its own that is 0700, holds the link, and goes away", () => {
    const file = writeLaunchFile(host.url, parent);
    expect(dirname(dirname(file.path))).toBe(parent);
    expect(modeOf(file.path)).toBe(0o600);
    expect(modeOf(dirname(file.path))).toBe(0o700);
    expect(readFileSync(file.path, "utf8")).toBe(launchPage(host.url));
    file.remove();
    expect(existsSync(dirname(file.path))).toBe(false);
    file.remove();
  });

  it("leads the browser to a session: its target is the live launch link", async () => {
    const file = writeLaunchFile(host.url, parent);
    try {
      const target = new URL(refreshTarget(readFileSync(file.path, "utf8")));
      expect(target.origin).toBe(host.origin);
      const res = await rawRequest(host, `${target.pathname}${target.search}`);
      expect(res.status).toBe(303);
      await host.launched;
    } finally {
      file.remove();
    }
  });
});

describe("the opener", () => {
  it("is given the launch file's path and nothing else, on every platform", () => {
    const token = new URL(host.url).searchParams.get("token") ?? "";
    expect(token).not.toBe("");
    const file = writeLaunchFile(host.url, parent);
    try {
      const expected: Record<string, string> = { linux: "xdg-open", freebsd: "xdg-open", darwin: "open", win32: "explorer.exe" };
      for (const [platform, command] of Object.entries(expected)) {
        const opener = openerCommand(platform as NodeJS.Platform, file.path);
        expect(opener).toEqual({ command, args: [file.path] });
        const argv = [opener.command, ...opener.args].join(" ");
        expect(argv).not.toContain(token);
        expect(argv).not.toContain("token");
        expect(argv).not.toContain(host.url);
      }
    } finally {
      file.remove();
    }
  });
});
