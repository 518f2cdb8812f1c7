import { describe, expect, it, vi } from "vitest";
import { handleWindowOpen, isRequestAllowed, isSafeExternalUrl, permissionGranted } from "../../electron/security.js";

describe("isSafeExternalUrl", () => {
  it("accepts https links", () => {
    expect(isSafeExternalUrl("https://prosody.im/doc/modules/mod_client_management")).toBe(true);
  });

  it.each(["http://example.org/", "file:///etc/passwd", "javascript:alert(1)", "smb://host/share", "ms-settings:", "https://user:pw@example.org/", "app://warden/", "not a url", ""])(
    "refuses %s",
    (url) => {
      expect(isSafeExternalUrl(url)).toBe(false);
    },
  );
});

describe("handleWindowOpen", () => {
  it("always denies the new window, and opens only https links externally", () => {
    const openExternal = vi.fn(async () => {});
    expect(handleWindowOpen("https://example.org/", openExternal)).toEqual({ action: "deny" });
    expect(handleWindowOpen("http://example.org/", openExternal)).toEqual({ action: "deny" });
    expect(handleWindowOpen("file:///etc/passwd", openExternal)).toEqual({ action: "deny" });
    expect(handleWindowOpen("app://warden/index.html", openExternal)).toEqual({ action: "deny" });
    expect(openExternal).toHaveBeenCalledExactlyOnceWith("https://example.org/");
  });

  it("still denies when opening the browser fails", async () => {
    expect(handleWindowOpen("https://example.org/", () => Promise.reject(new Error("no browser")))).toEqual({ action: "deny" });
    expect(
      handleWindowOpen("https://example.org/", () => {
        throw new Error("no browser");
      }),
    ).toEqual({ action: "deny" });
  });
});

describe("isRequestAllowed", () => {
  it("allows the app's own files and nothing remote", () => {
    expect(isRequestAllowed("app://warden/assets/index.js")).toBe(true);
    expect(isRequestAllowed("data:image/png;base64,AAAA")).toBe(true);
    expect(isRequestAllowed("app://other/x.js")).toBe(false);
    expect(isRequestAllowed("https://example.org/tracker.js")).toBe(false);
    expect(isRequestAllowed("http://127.0.0.1:5173/")).toBe(false);
    expect(isRequestAllowed("ws://127.0.0.1:5173/")).toBe(false);
    expect(isRequestAllowed("file:///etc/passwd")).toBe(false);
  });

  it("allows the dev server's origin and its HMR socket in development only", () => {
    expect(isRequestAllowed("http://localhost:5173/src/main.tsx", "http://localhost:5173")).toBe(true);
    expect(isRequestAllowed("ws://localhost:5173/", "http://localhost:5173")).toBe(true);
    expect(isRequestAllowed("http://localhost:5174/", "http://localhost:5173")).toBe(false);
    expect(isRequestAllowed("https://example.org/", "http://localhost:5173")).toBe(false);
  });
});

it("grants no permission", () => {
  expect(permissionGranted()).toBe(false);
});
