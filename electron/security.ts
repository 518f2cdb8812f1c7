// Decisions for Electron's security hooks (navigation, new windows, outgoing requests,
// permissions). Pure: main.ts wires them to webContents and session events.

/** The only links handed to the OS: https, without credentials in them. */
export function isSafeExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === "https:" && parsed.hostname !== "" && parsed.username === "" && parsed.password === "";
}

/**
 * setWindowOpenHandler: no window is ever opened by the app; an https link goes to the default
 * browser through `openExternal` (shell.openExternal), anything else is dropped.
 */
export function handleWindowOpen(url: string, openExternal: (url: string) => unknown): { action: "deny" } {
  if (isSafeExternalUrl(url)) {
    try {
      const pending = openExternal(url);
      if (pending instanceof Promise) pending.catch(() => undefined);
    } catch {
      // No browser to open it in: nothing more to do.
    }
  }
  return { action: "deny" };
}

/**
 * session.webRequest.onBeforeRequest: cancel every request that would leave the machine. The app's
 * own files come through the app: protocol; in development the Vite dev server's origin (http and
 * its HMR WebSocket) is allowed too. devtools: stays usable.
 */
export function isRequestAllowed(url: string, devServerOrigin?: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  switch (parsed.protocol) {
    case "app:":
      return parsed.host === "warden";
    case "data:":
    case "devtools:":
      return true;
    case "http:":
    case "https:":
    case "ws:":
    case "wss:": {
      if (devServerOrigin === undefined) return false;
      const dev = new URL(devServerOrigin);
      return parsed.host === dev.host && (parsed.protocol === dev.protocol || parsed.protocol === (dev.protocol === "https:" ? "wss:" : "ws:"));
    }
    default:
      return false;
  }
}

/** setPermissionRequestHandler and setPermissionCheckHandler answer this: Warden needs no permission. */
export function permissionGranted(): false {
  return false;
}
