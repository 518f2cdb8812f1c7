// How electron-updater's events become the update state the window shows, when checks run, and
// that a restart happens only on the user's word. electron-updater needs a packaged Electron app
// and a release feed, neither of which exists here: an EventEmitter stands in for autoUpdater,
// type-checked against electron-updater's own types (Updater).
import { EventEmitter } from "node:events";
import type { ProgressInfo, UpdateCheckResult, UpdateDownloadedEvent, UpdateInfo } from "electron-updater";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { CHECK_INTERVAL_MS, createAutoUpdate, downloadPercent, updateErrorMessage, type Updater } from "../../electron/auto-update.js";
import type { UpdateState } from "../../src/shared/updates.js";
import { updateStateSchema } from "../../src/shared/updates.js";

/** Fake autoUpdater: counts checks and installs; the test emits what the real one would. */
class FakeAutoUpdater extends EventEmitter implements Updater {
  autoDownload = false;
  autoInstallOnAppQuit = false;
  logger: Updater["logger"] = console;
  checks = 0;
  installs = 0;
  failNextCheck: Error | undefined;

  checkForUpdates(): Promise<UpdateCheckResult | null> {
    this.checks += 1;
    const failure = this.failNextCheck;
    this.failNextCheck = undefined;
    return failure ? Promise.reject(failure) : Promise.resolve(null);
  }
  quitAndInstall(): void {
    this.installs += 1;
  }
}

const INFO = { version: "1.2.3", files: [], path: "", sha512: "", releaseDate: "2026-11-28" } satisfies UpdateInfo;
const DOWNLOADED = { ...INFO, downloadedFile: "/tmp/warden-1.2.3" } satisfies UpdateDownloadedEvent;
const progress = (percent: number): ProgressInfo => ({ percent, total: 100, transferred: percent, delta: 1, bytesPerSecond: 1 });

function setUp(updater: FakeAutoUpdater | null = new FakeAutoUpdater()) {
  const restarts: string[] = [];
  const logged: string[] = [];
  const port = createAutoUpdate({ updater, beforeRestart: () => restarts.push("before-restart"), log: (message) => logged.push(message) });
  const seen: UpdateState[] = [];
  port.on((state) => seen.push(state));
  return { port, updater, restarts, logged, seen };
}

beforeEach(() => {
  vi.useFakeTimers({ now: new Date("2026-11-28T12:00:00Z") });
});
afterEach(() => {
  vi.useRealTimers();
});

describe("auto-update", () => {
  it("stays off until the core turns it on, then checks at once and every 24 hours", () => {
    const { port, updater } = setUp();
    expect(port.state).toEqual({ status: "off" });
    expect(updater?.checks).toBe(0);
    port.setEnabled(true);
    expect(updater).toMatchObject({ checks: 1, autoDownload: true, autoInstallOnAppQuit: true });
    vi.advanceTimersByTime(CHECK_INTERVAL_MS - 1);
    expect(updater?.checks).toBe(1);
    vi.advanceTimersByTime(1);
    expect(updater?.checks).toBe(2);
    vi.advanceTimersByTime(CHECK_INTERVAL_MS);
    expect(updater?.checks).toBe(3);
  });

  it("maps a check that finds a new version through download to ready", () => {
    const { port, updater, seen } = setUp();
    port.setEnabled(true);
    updater?.emit("checking-for-update");
    updater?.emit("update-available", INFO);
    updater?.emit("download-progress", progress(39.6));
    updater?.emit("download-progress", progress(39.9));
    updater?.emit("download-progress", progress(100));
    updater?.emit("update-downloaded", DOWNLOADED);
    expect(seen).toEqual([
      { status: "idle" },
      { status: "checking" },
      { status: "downloading", version: "1.2.3" },
      { status: "downloading", version: "1.2.3", percent: 40 },
      { status: "downloading", version: "1.2.3", percent: 100 },
      { status: "ready", version: "1.2.3" },
    ]);
    for (const state of seen) expect(updateStateSchema.safeParse(state).success).toBe(true);
    expect(port.state).toEqual({ status: "ready", version: "1.2.3" });
  });

  it("remembers when a check found nothing new", () => {
    const { port, updater } = setUp();
    port.setEnabled(true);
    updater?.emit("checking-for-update");
    updater?.emit("update-not-available", INFO);
    expect(port.state).toEqual({ status: "idle", lastChecked: Date.parse("2026-11-28T12:00:00Z") });
  });

  it("does not check over a download or an update waiting for its restart", () => {
    const { port, updater } = setUp();
    port.setEnabled(true);
    updater?.emit("update-available", INFO);
    vi.advanceTimersByTime(CHECK_INTERVAL_MS);
    updater?.emit("update-downloaded", DOWNLOADED);
    vi.advanceTimersByTime(CHECK_INTERVAL_MS);
    expect(updater?.checks).toBe(1);
    expect(port.state).toEqual({ status: "ready", version: "1.2.3" });
  });

  it("restarts only when asked and an update is ready, letting the windows close first", () => {
    const { port, updater, restarts } = setUp();
    port.setEnabled(true);
    expect(port.restart()).toBe(false);
    updater?.emit("update-available", INFO);
    expect(port.restart()).toBe(false);
    updater?.emit("update-downloaded", DOWNLOADED);
    // Ready is not a restart: nothing is installed until the user asks.
    vi.advanceTimersByTime(3 * CHECK_INTERVAL_MS);
    expect(updater?.installs).toBe(0);
    expect(port.restart()).toBe(true);
    expect(restarts).toEqual(["before-restart"]);
    expect(updater?.installs).toBe(1);
  });

  it("when turned off: no more checks, nothing installed on quit, later events ignored", () => {
    const { port, updater } = setUp();
    port.setEnabled(true);
    updater?.emit("update-downloaded", DOWNLOADED);
    port.setEnabled(false);
    expect(port.state).toEqual({ status: "off" });
    expect(updater).toMatchObject({ autoDownload: false, autoInstallOnAppQuit: false });
    expect(port.restart()).toBe(false);
    updater?.emit("checking-for-update");
    vi.advanceTimersByTime(5 * CHECK_INTERVAL_MS);
    expect(updater?.checks).toBe(1);
    expect(port.state).toEqual({ status: "off" });
    port.setEnabled(true);
    expect(updater?.checks).toBe(2);
  });

  it("reports an error in words, without addresses, and tries again the next day", async () => {
    const { port, updater, logged } = setUp();
    const secretUrl = "https://github.com/owner/warden/releases/download/v1.2.3/latest.yml?token=ghp_SECRET123";
    port.setEnabled(true);
    updater?.emit("error", new Error(`Cannot download "${secretUrl}", status 404:\nHeaders: {"authorization":"token ghp_SECRET123"}`));
    expect(port.state).toEqual({ status: "error", message: 'Cannot download "(address)", status 404:' });
    expect(JSON.stringify([port.state, logged])).not.toContain("SECRET");
    expect(updater?.checks).toBe(1);
    vi.advanceTimersByTime(CHECK_INTERVAL_MS);
    expect(updater?.checks).toBe(2);
    // A check that rejects (the updater also emits "error") is not an unhandled rejection.
    updater!.failNextCheck = new Error("net::ERR_INTERNET_DISCONNECTED");
    vi.advanceTimersByTime(CHECK_INTERVAL_MS);
    await vi.waitFor(() => expect(port.state).toEqual({ status: "error", message: "net::ERR_INTERNET_DISCONNECTED" }));
  });

  it("keeps the updater's own log quiet (it would repeat addresses)", () => {
    const { updater } = setUp();
    expect(updater?.logger).toBeNull();
  });

  it("in an unpackaged run: the setting works, and nothing is ever checked", () => {
    const { port, seen } = setUp(null);
    port.setEnabled(true);
    vi.advanceTimersByTime(3 * CHECK_INTERVAL_MS);
    expect(port.state).toEqual({ status: "idle" });
    expect(port.restart()).toBe(false);
    port.setEnabled(false);
    expect(seen).toEqual([{ status: "idle" }, { status: "off" }]);
  });
});

describe("updateErrorMessage", () => {
  it("keeps one bounded line and names no address", () => {
    expect(updateErrorMessage(new Error("x".repeat(1000))).length).toBe(200);
    expect(updateErrorMessage(new Error("ftp://user:pw@host/file failed"))).toBe("(address) failed");
    for (const nothing of [undefined, null, { message: 1 }, new Error("")]) expect(updateErrorMessage(nothing)).toBe("The update could not be checked or downloaded.");
  });
});

describe("downloadPercent", () => {
  it("is a whole number within 0–100, or none", () => {
    expect([-3, 0.4, 55.5, 101].map((percent) => downloadPercent({ percent }))).toEqual([0, 0, 56, 100]);
    expect(downloadPercent({ percent: Number.NaN })).toBeUndefined();
  });
});
