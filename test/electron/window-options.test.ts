import type { MenuItemConstructorOptions } from "electron";
import { describe, expect, it } from "vitest";
import { applicationMenuTemplate, MAIN_WINDOW_NAME, mainWindowOptions } from "../../electron/window-options.js";

describe("mainWindowOptions", () => {
  const options = mainWindowOptions("/app/dist/electron/preload.cjs");

  it("isolates and sandboxes the renderer", () => {
    expect(options.webPreferences).toMatchObject({
      preload: "/app/dist/electron/preload.cjs",
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
    });
  });

  it("persists size and position with Electron's window-state persistence", () => {
    expect(options.name).toBe(MAIN_WINDOW_NAME);
    expect(options.windowStatePersistence).toEqual({ bounds: true, displayMode: true });
  });
});

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

describe("applicationMenuTemplate", () => {
  it.each(["linux", "win32"] as const)("has About and Quit on %s", (platform) => {
    const roles = flatten(applicationMenuTemplate(platform, { devTools: false })).map((item) => item.role);
    expect(roles).toContain("about");
    expect(roles).toContain("quit");
    expect(roles).not.toContain("appMenu");
  });

  it("uses the macOS app menu (About, Hide, Quit) on macOS", () => {
    const roles = flatten(applicationMenuTemplate("darwin", { devTools: false })).map((item) => item.role);
    expect(roles).toContain("appMenu");
    expect(roles).toContain("windowMenu");
  });

  it("offers developer tools only when asked", () => {
    const without = flatten(applicationMenuTemplate("linux", { devTools: false })).map((item) => item.role);
    const withTools = flatten(applicationMenuTemplate("linux", { devTools: true })).map((item) => item.role);
    expect(without).not.toContain("toggleDevTools");
    expect(without).not.toContain("reload");
    expect(withTools).toContain("toggleDevTools");
  });
});
