// One running Warden: a second launch hands over to the first (which shows its window) and quits.
// Pure: the Electron app and window come in as the few methods used.
import { HIDDEN_ARG } from "./login-item.js";

export type SingleInstanceApp = {
  requestSingleInstanceLock(): boolean;
  quit(): void;
  on(event: "second-instance", listener: (event: unknown, argv: string[]) => void): unknown;
};

/**
 * True when this process is the one Warden; otherwise it quits and main.ts must start nothing. A
 * second launch shows the first one's window, unless it is a launch at login (already running:
 * stay in the tray).
 */
export function claimSingleInstance(app: SingleInstanceApp, showWindow: () => void): boolean {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on("second-instance", (_event, argv) => {
    if (!argv.includes(HIDDEN_ARG)) showWindow();
  });
  return true;
}

export type ShowableWindow = { isMinimized(): boolean; restore(): void; show(): void; focus(): void };

/** Brings the window to the front, restored if minimised; creates it when there is none (closed to the tray). */
export function showAndFocus(window: ShowableWindow | null, create: () => void): void {
  if (window === null) return create();
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}
