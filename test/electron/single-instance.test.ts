import { describe, expect, it } from "vitest";
import { HIDDEN_ARG } from "../../electron/login-item.js";
import { claimSingleInstance, showAndFocus, type ShowableWindow, type SingleInstanceApp } from "../../electron/single-instance.js";

/** A stand-in for Electron's app (the binary can't run here): records what main.ts's calls did. */
function fakeApp(lock: boolean) {
  const calls: string[] = [];
  let secondInstance: ((event: unknown, argv: string[]) => void) | undefined;
  const app: SingleInstanceApp = {
    requestSingleInstanceLock: () => lock,
    quit: () => void calls.push("quit"),
    on: (_event, listener) => {
      secondInstance = listener;
    },
  };
  return { app, calls, launchAgain: (argv: string[]) => secondInstance?.({}, argv), listening: () => secondInstance !== undefined };
}

/** A stand-in window: records show/restore/focus. */
function fakeWindow(minimized: boolean) {
  const calls: string[] = [];
  const window: ShowableWindow = {
    isMinimized: () => minimized,
    restore: () => void calls.push("restore"),
    show: () => void calls.push("show"),
    focus: () => void calls.push("focus"),
  };
  return { window, calls };
}

describe("one running Warden", () => {
  it("a second launch quits and starts nothing", () => {
    const second = fakeApp(false);
    let shown = 0;
    expect(claimSingleInstance(second.app, () => shown++)).toBe(false);
    expect(second.calls).toEqual(["quit"]);
    expect(second.listening()).toBe(false);
    expect(shown).toBe(0);
  });

  it("the first shows its window when launched again, but stays in the tray for a launch at login", () => {
    const first = fakeApp(true);
    let shown = 0;
    expect(claimSingleInstance(first.app, () => shown++)).toBe(true);
    expect(first.calls).toEqual([]);
    first.launchAgain(["/opt/Warden/warden"]);
    expect(shown).toBe(1);
    first.launchAgain(["/opt/Warden/warden", HIDDEN_ARG]);
    expect(shown).toBe(1);
  });
});

describe("showAndFocus", () => {
  it("brings a hidden window back and focuses it", () => {
    const { window, calls } = fakeWindow(false);
    showAndFocus(window, () => calls.push("create"));
    expect(calls).toEqual(["show", "focus"]);
  });

  it("restores a minimised window first", () => {
    const { window, calls } = fakeWindow(true);
    showAndFocus(window, () => calls.push("create"));
    expect(calls).toEqual(["restore", "show", "focus"]);
  });

  it("creates the window when it was closed to the tray", () => {
    const calls: string[] = [];
    showAndFocus(null, () => calls.push("create"));
    expect(calls).toEqual(["create"]);
  });
});
