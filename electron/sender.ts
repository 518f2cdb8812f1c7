// Who may call the API over IPC: the main frame of Warden's own window, showing Warden's own origin.
// Pure: the Electron objects come in as plain structural types.

/** `scheme://host[:port]` of a URL, or null when it has none (about:, data:, file:, junk). */
export function originOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  // Node's URL reports "null" as the origin of non-special schemes such as app:, so build it.
  if (parsed.host === "" || parsed.username !== "" || parsed.password !== "") return null;
  return `${parsed.protocol}//${parsed.host}`;
}

/** The frame URL belongs to the app's origin (e.g. `app://warden`). */
export function isTrustedSender(frameUrl: string | undefined | null, appOrigin: string): boolean {
  if (typeof frameUrl !== "string" || frameUrl === "") return false;
  const origin = originOf(frameUrl);
  return origin !== null && origin === appOrigin;
}

/** The parts of IpcMainInvokeEvent the check reads (Electron's event satisfies it). */
export type SenderEvent = {
  sender: { id: number };
  senderFrame: { url: string; parent: unknown } | null;
};

export type TrustedWindow = {
  /** The webContents id of Warden's window; undefined while there is none. */
  webContentsId(): number | undefined;
  /** The app's origin, e.g. `app://warden` (or the Vite dev server's in development). */
  origin: string;
};

/**
 * The call comes from Warden's window (not another webContents), from its main frame (not an
 * iframe, not a frame that is gone: `senderFrame` null), and the frame shows the app's origin.
 */
export function isTrustedEvent(event: SenderEvent, trusted: TrustedWindow): boolean {
  const frame = event.senderFrame;
  if (frame === null || frame === undefined) return false;
  const id = trusted.webContentsId();
  if (id === undefined || event.sender.id !== id) return false;
  if (frame.parent !== null) return false;
  return isTrustedSender(frame.url, trusted.origin);
}
