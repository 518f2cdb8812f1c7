import { describe, expect, it } from "vitest";
import { hostLanguage, hostText } from "../../electron/host-text.js";
import { trayClickOpens, trayMenuTemplate } from "../../electron/tray.js";
import { LANGUAGES } from "../../src/shared/requests.js";

describe("the tray menu", () => {
  it("opens Warden and quits it", () => {
    const done: string[] = [];
    const menu = trayMenuTemplate(hostText("en"), { open: () => done.push("open"), quit: () => done.push("quit") });
    expect(menu.map((item) => item.label ?? item.type)).toEqual(["Open Warden", "separator", "Quit Warden"]);
    for (const item of menu) item.click?.({} as never, undefined, {} as never);
    expect(done).toEqual(["open", "quit"]);
  });

  it("speaks the UI's languages", () => {
    const labels = (language: (typeof LANGUAGES)[number]) => trayMenuTemplate(hostText(language), { open: () => undefined, quit: () => undefined }).map((item) => item.label);
    expect(labels("de")).toEqual(["Warden öffnen", undefined, "Warden beenden"]);
    expect(labels("fr")).toEqual(["Ouvrir Warden", undefined, "Quitter Warden"]);
  });

  it("opens the window on a click only on Windows (elsewhere a click shows the menu)", () => {
    expect(["darwin", "win32", "linux"].map((platform) => trayClickOpens(platform as NodeJS.Platform))).toEqual([false, true, false]);
  });
});

describe("hostLanguage", () => {
  it("takes the language chosen in settings, else the system's by language, else English", () => {
    expect(hostLanguage("fr", "de-DE")).toBe("fr");
    expect(hostLanguage(undefined, "de-AT")).toBe("de");
    expect(hostLanguage(undefined, "fr_CA")).toBe("fr");
    expect(hostLanguage(undefined, "EN-gb")).toBe("en");
    expect(hostLanguage(undefined, "ja-JP")).toBe("en");
    expect(hostLanguage(undefined, "")).toBe("en");
  });

  it("has every word in every language", () => {
    for (const language of LANGUAGES) {
      const text = hostText(language);
      for (const value of [text.trayToolTip, text.openWarden, text.quitWarden, ...Object.values(text.closeQuestion)]) expect(value, language).toMatch(/\S/);
    }
  });
});
