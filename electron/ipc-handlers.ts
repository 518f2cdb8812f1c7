// The IPC handler table: one handler per API method, built from CLIENT_MANAGER_METHODS. Each
// checks the sender, validates the argument with METHOD_ARGUMENT_SCHEMAS and calls the core;
// whatever happens it resolves to a typed value, so nothing thrown crosses IPC.
// Pure: main.ts registers these with ipcMain.handle. Nothing here logs an argument (passwords).
import { CLIENT_MANAGER_EVENTS, CLIENT_MANAGER_METHODS, type ClientManagerApi, type ClientManagerMethod } from "../src/shared/api.js";
import { METHOD_ARGUMENT_SCHEMAS } from "../src/shared/api-schemas.js";
import { invalidRequest } from "../src/shared/errors.js";
import { err } from "../src/shared/result.js";
import { callChannel, eventChannel } from "./channels.js";
import type { SenderEvent } from "./sender.js";

const MAX_MESSAGE_LENGTH = 500;

export type IpcHandler = (event: SenderEvent, ...args: unknown[]) => Promise<unknown>;
export type IpcHandlerTable = Record<ClientManagerMethod, IpcHandler>;

export type IpcHandlerOptions = {
  /** Decides whether `event` comes from Warden's own window (see sender.ts `isTrustedEvent`). */
  isTrusted: (event: SenderEvent) => boolean;
  /** Told each core result (e.g. to notify when a revoke finishes). Never throws across. */
  onSettled?: (method: ClientManagerMethod, result: unknown) => void;
  /** Told which method threw or was refused (never the argument or the message). */
  onRejected?: (method: ClientManagerMethod, reason: "untrusted-sender" | "core-error") => void;
};

export const UNTRUSTED_SENDER = { kind: "invalid-request", detail: "the call did not come from Warden's window" } as const;

/** An exception's message, bounded, without a stack. */
export function describeError(error: unknown): string {
  let message = "unexpected error";
  try {
    if (error instanceof Error && error.message) message = error.message;
  } catch {
    // A hostile getter: keep the generic message.
  }
  return message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : message;
}

/** The typed value a core failure becomes; getState answers with a state, never a Result. */
export function internalFailure(method: ClientManagerMethod, error: unknown): unknown {
  const internal = { kind: "internal", message: describeError(error) } as const;
  return method === "getState" ? { status: "error", error: internal } : err(internal);
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // Observers must not change the answer.
  }
}

export function createIpcHandlers(manager: ClientManagerApi, options: IpcHandlerOptions): IpcHandlerTable {
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
        safely(() => options.onRejected?.(method, "untrusted-sender"));
        return err(UNTRUSTED_SENDER);
      }
      if (args.length > 1) return err({ kind: "invalid-request", detail: "request: expected at most one argument" });
      const parsed = METHOD_ARGUMENT_SCHEMAS[method].safeParse(args[0]);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      let result: unknown;
      try {
        // The schema table and the API agree method by method; TypeScript can't correlate the union.
        const invoke = manager[method] as (argument: unknown) => Promise<unknown>;
        result = await invoke.call(manager, parsed.data);
      } catch (error) {
        safely(() => options.onRejected?.(method, "core-error"));
        return internalFailure(method, error);
      }
      safely(() => options.onSettled?.(method, result));
      return result;
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

/**
 * Forwards every core event to `send` (webContents.send of the current window) on its own channel.
 * Returns a function that stops forwarding.
 */
export function forwardEvents(manager: Pick<ClientManagerApi, "on">, send: (channel: string, payload: unknown) => void): () => void {
  const unsubscribes = CLIENT_MANAGER_EVENTS.map((event) =>
    manager.on(event, (payload: unknown) => safely(() => send(eventChannel(event), payload))),
  );
  return () => {
    for (const unsubscribe of unsubscribes.splice(0)) safely(unsubscribe);
  };
}
