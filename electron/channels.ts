// IPC channel names, derived from the shared method and event lists (never hand-copied strings).
// Imported by both the main process and the preload, so it must stay free of runtime imports.
import type { ClientManagerEventName, ClientManagerMethod } from "../src/shared/api.js";

/** The `ipcMain.handle` / `ipcRenderer.invoke` channel of one API method. */
export function callChannel(method: ClientManagerMethod): `warden:call:${ClientManagerMethod}` {
  return `warden:call:${method}`;
}

/** The `webContents.send` / `ipcRenderer.on` channel of one core event. */
export function eventChannel(event: ClientManagerEventName): `warden:event:${ClientManagerEventName}` {
  return `warden:event:${event}`;
}
