import { describe, expect, it } from "vitest";
import { APP_ORIGIN } from "../../electron/app-protocol.js";
import { isTrustedEvent, isTrustedSender, originOf, type SenderEvent } from "../../electron/sender.js";

describe("isTrustedSender", () => {
  it("accepts the app's own origin", () => {
    expect(APP_ORIGIN).toBe("app://warden");
    expect(isTrustedSender("app://warden/index.html", APP_ORIGIN)).toBe(true);
    expect(isTrustedSender("app://warden/", APP_ORIGIN)).toBe(true);
    expect(isTrustedSender("app://warden/index.html?x=1#y", APP_ORIGIN)).toBe(true);
    expect(isTrustedSender("http://localhost:5173/", "http://localhost:5173")).toBe(true);
  });

  it.each([
    ["another host on the same scheme", "app://evil/index.html"],
    ["a look-alike host", "app://warden.evil/index.html"],
    ["credentials in the URL", "app://user:pw@warden/index.html"],
    ["https", "https://warden/index.html"],
    ["a remote site", "https://example.org/"],
    ["file:", "file:///work/main/dist/renderer/index.html"],
    ["about:blank", "about:blank"],
    ["data:", "data:text/html,<script>1</script>"],
    ["junk", "not a url"],
    ["an empty URL", ""],
    ["a missing URL", undefined],
    ["null", null],
  ])("rejects %s", (_name, url) => {
    expect(isTrustedSender(url, APP_ORIGIN)).toBe(false);
  });

  it("rejects a dev server on another port", () => {
    expect(isTrustedSender("http://localhost:5174/", "http://localhost:5173")).toBe(false);
  });

  it("originOf builds scheme://host (Node's URL says 'null' for custom schemes)", () => {
    expect(new URL("app://warden/x").origin).toBe("null");
    expect(originOf("app://warden/x")).toBe("app://warden");
    expect(originOf("about:blank")).toBeNull();
  });
});

describe("isTrustedEvent", () => {
  const window = { webContentsId: () => 7, origin: APP_ORIGIN };
  const event = (overrides: Partial<SenderEvent> = {}): SenderEvent => ({
    sender: { id: 7 },
    senderFrame: { url: "app://warden/index.html", parent: null },
    ...overrides,
  });

  it("accepts the main frame of the app's window", () => {
    expect(isTrustedEvent(event(), window)).toBe(true);
  });

  it("rejects a missing frame (navigated away or destroyed)", () => {
    expect(isTrustedEvent(event({ senderFrame: null }), window)).toBe(false);
  });

  it("rejects a subframe, even of the app's origin", () => {
    expect(isTrustedEvent(event({ senderFrame: { url: "app://warden/index.html", parent: {} } }), window)).toBe(false);
  });

  it("rejects another webContents", () => {
    expect(isTrustedEvent(event({ sender: { id: 8 } }), window)).toBe(false);
  });

  it("rejects everything while there is no window", () => {
    expect(isTrustedEvent(event(), { webContentsId: () => undefined, origin: APP_ORIGIN })).toBe(false);
  });

  it("rejects the app's window showing another origin", () => {
    expect(isTrustedEvent(event({ senderFrame: { url: "https://example.org/", parent: null } }), window)).toBe(false);
  });
});
