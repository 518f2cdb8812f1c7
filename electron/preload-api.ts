// What the preload exposes as `window.clientManager`, built from two functions the preload gets
// from ipcRenderer. Pure: no Electron import, so it runs (and is tested) in plain Node.
//
// Nothing Electron-shaped reaches the page: methods resolve to plain values, listeners receive only
// the event's payload (never the IpcRendererEvent, whose `sender` is ipcRenderer itself).
import type { ClientManagerApi } from "../src/shared/api.js";
import { CLIENT_MANAGER_EVENTS, CLIENT_MANAGER_METHODS, type ClientManagerEventName } from "../src/shared/api-names.js";
import { callChannel, eventChannel } from "./channels.js";

/** `ipcRenderer.invoke`, narrowed to one argument. */
export type Invoke = (channel: string, argument: unknown) => Promise<unknown>;
/** Subscribe to a channel; the listener gets the payload only. Returns an unsubscribe function. */
export type Subscribe = (channel: string, listener: (payload: unknown) => void) => () => void;

/** The part of ipcRenderer `subscribeVia` uses. */
export type IpcRendererLike = {
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
};

const METHOD_NAMES: ReadonlySet<string> = new Set(CLIENT_MANAGER_METHODS);
const EVENT_NAMES: ReadonlySet<string> = new Set(CLIENT_MANAGER_EVENTS);

function messageOf(error: unknown): string {
  try {
    if (error instanceof Error && error.message) return error.message.slice(0, 500);
  } catch {
    // A hostile getter: fall through.
  }
  return "the call could not be delivered";
}

/** A rejected invoke (e.g. an argument structured clone can't copy) as the typed value the API promises. */
function failure(error: unknown): unknown {
  return { ok: false, error: { kind: "internal", message: messageOf(error) } };
}

/** Strips the IpcRendererEvent: the page's listener sees the payload and nothing else. */
export function subscribeVia(ipc: IpcRendererLike): Subscribe {
  return (channel, listener) => {
    const wrapped = (_event: unknown, payload?: unknown) => listener(payload);
    ipc.on(channel, wrapped);
    return () => void ipc.removeListener(channel, wrapped);
  };
}

export function buildPreloadApi(invoke: Invoke, subscribe: Subscribe): ClientManagerApi {
  const api: Record<string, unknown> = {};
  for (const method of CLIENT_MANAGER_METHODS) {
    // Exactly one argument crosses, whatever the page passes.
    api[method] = (argument?: unknown): Promise<unknown> =>
      Promise.resolve()
        .then(() => invoke(callChannel(method), argument))
        .catch((error: unknown) => failure(error));
  }
  api.on = (event: unknown, listener: unknown): (() => void) => {
    if (typeof event !== "string" || !EVENT_NAMES.has(event)) throw new TypeError(`clientManager.on: unknown event ${String(event)}`);
    if (typeof listener !== "function") throw new TypeError("clientManager.on: the listener must be a function");
    let unsubscribe: (() => void) | undefined = subscribe(eventChannel(event as ClientManagerEventName), (payload) => {
      (listener as (payload: unknown) => void)(payload);
    });
    return () => {
      unsubscribe?.();
      unsubscribe = undefined;
    };
  };
  return Object.freeze(api) as unknown as ClientManagerApi;
}

/** True for a key the preload's object is meant to have. */
export function isApiKey(key: string): boolean {
  return METHOD_NAMES.has(key) || key === "on";
}
