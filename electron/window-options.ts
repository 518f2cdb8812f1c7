// The BrowserWindow's options. Pure (a type import only), so the tests can check the security
// settings without Electron.
import type { BrowserWindowConstructorOptions, MenuItemConstructorOptions } from "electron";

/** Electron keys persisted window state by this name; it must be unique among open windows. */
export const MAIN_WINDOW_NAME = "main";

export function mainWindowOptions(preloadPath: string, iconPath?: string): BrowserWindowConstructorOptions {
  return {
    // Size and position persist across launches through Electron's own window-state persistence
    // (keyed by `name`); width/height are the first launch's size.
    name: MAIN_WINDOW_NAME,
    windowStatePersistence: { bounds: true, displayMode: true },
    width: 1100,
    height: 760,
    minWidth: 420,
    minHeight: 480,
    title: "Warden",
    show: false,
    backgroundColor: "#ffffff",
    ...(iconPath === undefined ? {} : { icon: iconPath }),
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      // Middle-click would ask for a new window; setWindowOpenHandler denies those anyway.
      disableBlinkFeatures: "Auxclick",
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      safeDialogs: true,
    },
  };
}

export type MenuHandlers = {
  /** Show developer tools in the View menu (unpackaged builds only). */
  devTools: boolean;
};

/** The application menu, from roles: About and Quit on every platform, the app menu on macOS. */
export function applicationMenuTemplate(platform: NodeJS.Platform, handlers: MenuHandlers): MenuItemConstructorOptions[] {
  const mac = platform === "darwin";
  const view: MenuItemConstructorOptions[] = [
    ...(handlers.devTools ? ([{ role: "reload" }, { role: "toggleDevTools" }, { type: "separator" }] as const) : []),
    { role: "resetZoom" },
    { role: "zoomIn" },
    { role: "zoomOut" },
    { type: "separator" },
    { role: "togglefullscreen" },
  ];
  return [
    // macOS: the app menu (About, Services, Hide, Quit).
    ...(mac ? [{ role: "appMenu" } as const] : []),
    { label: "&File", submenu: mac ? [{ role: "close" }] : [{ role: "quit" }] },
    { role: "editMenu" },
    { label: "&View", submenu: view },
    { role: "windowMenu" },
    { role: "help", label: "&Help", submenu: mac ? [] : [{ role: "about" }] },
  ];
}
