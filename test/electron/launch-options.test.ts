import { describe, expect, it } from "vitest";
import { loopbackDevServerUrl, parseLaunchOptions } from "../../electron/launch-options.js";

describe("parseLaunchOptions", () => {
  const argv = ["/usr/bin/electron", ".", "--warden-user-data-dir=/tmp/w", "--warden-keychain-service=warden-test-1"];

  it("takes the test options in an unpackaged app", () => {
    expect(parseLaunchOptions(argv, { WARDEN_DEV_SERVER_URL: "http://localhost:5173/" }, false)).toEqual({
      userDataDir: "/tmp/w",
      keychainService: "warden-test-1",
      devServerUrl: "http://localhost:5173/",
    });
  });

  it("ignores every override in a packaged app", () => {
    expect(parseLaunchOptions(argv, { WARDEN_DEV_SERVER_URL: "http://localhost:5173/" }, true)).toEqual({ keychainService: "Warden" });
  });

  it("defaults to the Warden keychain service and the OS user-data folder", () => {
    expect(parseLaunchOptions(["electron", "."], {}, false)).toEqual({ keychainService: "Warden" });
    expect(parseLaunchOptions(["electron", ".", "--warden-user-data-dir="], {}, false)).toEqual({ keychainService: "Warden" });
  });
});

describe("loopbackDevServerUrl", () => {
  it.each(["http://localhost:5173/", "http://127.0.0.1:5173/", "http://[::1]:5173/"])("accepts %s", (url) => {
    expect(loopbackDevServerUrl(url)).toBe(url);
  });

  it.each(["https://example.org/", "http://192.168.1.2:5173/", "file:///tmp/index.html", "http://user@localhost:5173/", "junk", ""])(
    "refuses %s",
    (url) => {
      expect(loopbackDevServerUrl(url)).toBeUndefined();
    },
  );
});
