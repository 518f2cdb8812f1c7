// The IPC handler table: one handler per API method, built from CLIENT_MANAGER_METHODS. Each checks
// the sender and the arity, then hands the call to the core's dispatcher, which validates it and
// answers with a typed value. Pure: main.ts registers these with ipcMain.handle.
import { CLIENT_MANAGER_METHODS, type ClientManagerApi, type ClientManagerMethod } from "../src/shared/api.js";
import { err } from "../src/shared/result.js";
import type { Dispatch } from "../src/core/dispatch.js";
import { forwardEvents } from "../src/core/forward-events.js";
import { callChannel, eventChannel } from "./channels.js";
import type { SenderEvent } from "./sender.js";

export type IpcHandler = (event: SenderEvent, ...args: unknown[]) => Promise<unknown>;
export type IpcHandlerTable = Record<ClientManagerMethod, IpcHandler>;

export type IpcHandlerOptions = {
  /** Decides whether `event` comes from Warden's own window (see sender.ts `isTrustedEvent`). */
  isTrusted: (event: SenderEvent) => boolean;
  /** Told which method was refused because of its sender (never the argument). */
  onUntrusted?: (method: ClientManagerMethod) => void;
};

export const UNTRUSTED_SENDER = { kind: "invalid-request", detail: "the call did not come from Warden's window" } as const;

export function createIpcHandlers(dispatch: Dispatch, options: IpcHandlerOptions): IpcHandlerTable {
  const table = {} as IpcHandlerTable;
  for (const method of CLIENT_MANAGER_METHODS) {
    table[method] = async (event, ...args) => {
      let trusted = false;
      try {
        trusted = options.isTrusted(event);
      } catch {
        trusted = false;
      }
      if (!trusted) {
        try {
          options.onUntrusted?.(method);
        } catch {
          // Observers must not change the answer.
        }
        return err(UNTRUSTED_SENDER);
      }
      if (args.length > 1) return err({ kind: "invalid-request", detail: "request: expected at most one argument" });
      return dispatch(method, args[0]);
    };
  }
  return table;
}

/** Registers every handler under its channel, with `handle` being ipcMain.handle. Returns the channels. */
export function registerIpcHandlers(table: IpcHandlerTable, handle: (channel: string, handler: IpcHandler) => void): string[] {
  return CLIENT_MANAGER_METHODS.map((method) => {
    const channel = callChannel(method);
    handle(channel, table[method]);
    return channel;
  });
}

/** Forwards every core event to `send` (webContents.send of the current window) on its own channel. */
export function forwardEventsToWindow(manager: Pick<ClientManagerApi, "on">, send: (channel: string, payload: unknown) => void): () => void {
  return forwardEvents(manager, (event, payload) => send(eventChannel(event), payload));
}
