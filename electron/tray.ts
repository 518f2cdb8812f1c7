// The tray / menu-bar icon's menu, through which a window closed to the background comes back.
// Pure: main.ts builds it with Menu.buildFromTemplate and sets it on the Tray.
import type { MenuItemConstructorOptions } from "electron";
import type { HostText } from "./host-text.js";

export type TrayActions = { open(): void; quit(): void };

export function trayMenuTemplate(text: HostText, actions: TrayActions): MenuItemConstructorOptions[] {
  return [
    { label: text.openWarden, click: () => actions.open() },
    { type: "separator" },
    { label: text.quitWarden, click: () => actions.quit() },
  ];
}

/**
 * Windows opens the window on a click of the icon, as its tray apps do; on macOS and Linux a click
 * shows the menu (and some Linux trays report no clicks at all), which holds "Open Warden".
 */
export function trayClickOpens(platform: NodeJS.Platform): boolean {
  return platform === "win32";
}
