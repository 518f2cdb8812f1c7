import { describe, expect, it } from "vitest";
import { closeAction, closeQuestion, defaultKeepWatching, keepWatchingAnswer, launchDefaults } from "../../electron/close-behaviour.js";
import { hostText } from "../../electron/host-text.js";

const PLATFORMS = ["darwin", "win32", "linux", "freebsd"] as const;

describe("closing the window", () => {
  it("follows the stored choice on every platform, and the platform's default while there is none", () => {
    const table = PLATFORMS.map((platform) => ({
      platform,
      on: closeAction({ quitting: false, keepWatchingWhenClosed: true, platform }),
      off: closeAction({ quitting: false, keepWatchingWhenClosed: false, platform }),
      undecided: closeAction({ quitting: false, keepWatchingWhenClosed: null, platform }),
    }));
    expect(table).toEqual([
      { platform: "darwin", on: "hide", off: "quit", undecided: "hide" },
      { platform: "win32", on: "hide", off: "quit", undecided: "hide" },
      { platform: "linux", on: "hide", off: "quit", undecided: "ask" },
      { platform: "freebsd", on: "hide", off: "quit", undecided: "ask" },
    ]);
  });

  it("lets the window close while the app quits, whatever the choice", () => {
    for (const platform of PLATFORMS) {
      for (const keepWatchingWhenClosed of [true, false, null]) {
        expect(closeAction({ quitting: true, keepWatchingWhenClosed, platform })).toBe("allow");
      }
    }
  });
});

describe("the default at launch", () => {
  it("is stored on macOS and Windows while undecided, so the settings show it; Linux stays undecided (asks)", () => {
    const undecided = { keepWatchingWhenClosed: null, startAtLogin: false };
    expect(launchDefaults(undecided, "darwin")).toEqual({ keepWatchingWhenClosed: true });
    expect(launchDefaults(undecided, "win32")).toEqual({ keepWatchingWhenClosed: true });
    expect(launchDefaults(undecided, "linux")).toBeNull();
    expect(defaultKeepWatching("linux")).toBeNull();
  });

  it("never overrides what the user chose, and does nothing without background options", () => {
    for (const platform of PLATFORMS) {
      expect(launchDefaults({ keepWatchingWhenClosed: false, startAtLogin: false }, platform)).toBeNull();
      expect(launchDefaults({ keepWatchingWhenClosed: true, startAtLogin: true }, platform)).toBeNull();
      expect(launchDefaults(undefined, platform)).toBeNull();
    }
  });
});

describe("the first-close question", () => {
  it("offers keep watching (the default), quit, and cancel (Escape), and stores only a real answer", () => {
    const question = closeQuestion(hostText("en"));
    expect(question.message).toBe("Keep watching in the background?");
    expect(question.buttons).toEqual(["Keep watching", "Quit", "Cancel"]);
    expect(keepWatchingAnswer(question.defaultId ?? -1)).toBe(true);
    expect(keepWatchingAnswer(question.buttons?.indexOf("Quit") ?? -1)).toBe(false);
    expect(keepWatchingAnswer(question.cancelId ?? -1)).toBeNull();
  });

  it("asks in the UI's language", () => {
    expect(closeQuestion(hostText("de")).buttons).toEqual(["Weiter aufpassen", "Beenden", "Abbrechen"]);
    expect(closeQuestion(hostText("fr")).message).toBe("Continuer la surveillance en arrière-plan ?");
  });
});
