// ClientManagerApi over browser mode's WebSocket (see web/host.ts for the other end).
//
// No DOM or Node globals here: the socket constructor and timers are injected, so the same code
// runs in the page (the DOM WebSocket) and in Node tests (the `ws` package).
import type { AccountState } from "../../../src/shared/account-state.js";
import { METHOD_REPLY_SCHEMAS } from "../../../src/shared/api-schemas.js";
import { CLIENT_MANAGER_METHODS } from "../../../src/shared/api-names.js";
import {
  CLIENT_MANAGER_EVENT_SCHEMAS,
  type ClientManagerApi,
  type ClientManagerEventName,
  type ClientManagerEvents,
  type ClientManagerMethod,
  type StateResult,
} from "../../../src/shared/api.js";
import { downMessageSchema, type CallMessage } from "../../../src/shared/wire.js";

/**
 * The part of a WebSocket this uses; the DOM's WebSocket and `ws`'s both fit. The handlers take
 * `never` so either library's event type is accepted; the client reads only `data` from messages.
 */
export interface BridgeSocket {
  readonly readyState: number;
  onopen: ((event: never) => unknown) | null;
  onmessage: ((event: never) => unknown) | null;
  onclose: ((event: never) => unknown) | null;
  onerror: ((event: never) => unknown) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type BridgeSocketConstructor = new (url: string) => BridgeSocket;

export type SocketClientOptions = {
  url: string;
  WebSocket: BridgeSocketConstructor;
  /** Delay before reconnect attempt `attempt` (1, 2, …). Default: 250 ms doubling to 5 s. */
  backoffMs?: (attempt: number) => number;
  /** Reported once per lost connection, and when a reconnect brings it back. */
  onConnectionChange?: (connected: boolean) => void;
};

export type SocketClientManager = ClientManagerApi & {
  /** Stop reconnecting and close the socket; pending calls resolve as disconnected. */
  dispose(): void;
};

type Result<M extends ClientManagerMethod> = Awaited<ReturnType<ClientManagerApi[M]>>;
type Pending = { method: ClientManagerMethod; resolve: (value: unknown) => void };
type Listener = (payload: never) => void;

const OPEN = 1;
export const LOST_CONNECTION_MESSAGE = "Lost the connection to Warden";

export function defaultBackoffMs(attempt: number): number {
  return Math.min(5000, 250 * 2 ** Math.max(0, attempt - 1));
}

/** What a call resolves to when the connection is gone: a typed error, never a rejection. */
export const DISCONNECTED = { ok: false, error: { kind: "disconnected" } } as const;

/** An account's state while the page cannot reach Warden. */
export function lostState(jid: string): AccountState {
  return { status: "error", jid, error: { kind: "network", message: LOST_CONNECTION_MESSAGE } };
}

/** The reply as its method's schema reads it, or a typed error saying it was not one. */
function checkedReply(method: ClientManagerMethod, result: unknown): unknown {
  const parsed = METHOD_REPLY_SCHEMAS[method].safeParse(result);
  if (parsed.success) return parsed.data;
  return { ok: false, error: { kind: "protocol", detail: `Warden's answer to ${method} was not in the expected form` } };
}

function report(error: unknown): void {
  // A listener threw: surface it in the console without breaking the other listeners.
  setTimeout(() => {
    throw error;
  }, 0);
}

/**
 * Connects at once. Calls made while the socket is connecting wait for it; nothing ever rejects:
 * - when a socket closes, every call it carried (or was waiting for it) resolves as
 *   `{ ok: false, error: { kind: "disconnected" } }`, and if it had been open, every account the
 *   page knows gets an error state (LOST_CONNECTION_MESSAGE) as a "state-changed" event;
 * - between reconnect attempts (backoff) calls resolve the same way immediately;
 * - after a reconnect, the current state is fetched and handed to the listeners: each account's
 *   state and last list, and "account-removed" for an account that is gone meanwhile.
 * Incoming messages are validated with downMessageSchema, results with METHOD_REPLY_SCHEMAS and
 * events with CLIENT_MANAGER_EVENT_SCHEMAS: a malformed event is dropped, a malformed result
 * resolves as a "protocol" error.
 */
export function createSocketClientManager(options: SocketClientOptions): SocketClientManager {
  const backoffMs = options.backoffMs ?? defaultBackoffMs;
  const pending = new Map<number, Pending>();
  const queue: CallMessage[] = [];
  const listeners = new Map<ClientManagerEventName, Set<Listener>>();
  let nextId = 1;
  let socket: BridgeSocket | undefined;
  let attempt = 0;
  let everConnected = false;
  let reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  let disposed = false;
  /** The accounts the page has heard of, to tell them when the connection is lost. */
  const known = new Set<string>();

  function emit<E extends ClientManagerEventName>(event: E, payload: ClientManagerEvents[E]): void {
    if (event === "account-removed") known.delete((payload as ClientManagerEvents["account-removed"]).jid);
    else if (event === "state-changed") known.add((payload as ClientManagerEvents["state-changed"]).jid);
    for (const listener of [...(listeners.get(event) ?? [])]) {
      try {
        (listener as (payload: ClientManagerEvents[E]) => void)(payload);
      } catch (error) {
        report(error);
      }
    }
  }

  function settle(id: number, result: unknown): void {
    const call = pending.get(id);
    if (!call) return;
    pending.delete(id);
    const reply = checkedReply(call.method, result);
    if (call.method === "getState") noteAccounts(reply as StateResult);
    call.resolve(reply);
  }

  function onMessage(data: unknown): void {
    if (typeof data !== "string") return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const message = downMessageSchema.safeParse(json);
    if (!message.success) return;
    if (message.data.type === "result") {
      settle(message.data.id, message.data.result);
      return;
    }
    const event = message.data.event;
    const payload = CLIENT_MANAGER_EVENT_SCHEMAS[event].safeParse(message.data.payload);
    if (payload.success) emit(event, payload.data as ClientManagerEvents[typeof event]);
  }

  function noteAccounts(result: StateResult): void {
    if (result.ok) for (const account of result.value.accounts) known.add(account.jid);
  }

  /** After a reconnect: whatever happened while the page was away, as events. */
  function catchUp(result: StateResult): void {
    if (!result.ok) return;
    const present = new Set(result.value.accounts.map((account) => account.jid));
    for (const jid of [...known]) if (!present.has(jid)) emit("account-removed", { jid });
    for (const account of result.value.accounts) {
      const { jid } = account;
      emit("state-changed", { jid, state: account.state });
      if (account.clients) emit("clients-changed", { jid, list: account.clients });
      emit("alerts-changed", { jid, alerts: account.alerts });
      emit("account-options-changed", { jid, options: account.options });
      emit("only-this-device-changed", { jid, progress: account.onlyThisDevice ?? null });
    }
    emit("preferences-changed", { preferences: result.value.preferences });
    // Only a host that updates itself has an update state (browser mode has none).
    if (result.value.updates) emit("update-changed", { updates: result.value.updates });
  }

  function sendNow(message: CallMessage): boolean {
    if (!socket || socket.readyState !== OPEN) return false;
    try {
      socket.send(JSON.stringify(message));
      return true;
    } catch {
      return false;
    }
  }

  function failAll(): void {
    queue.length = 0;
    const calls = [...pending.values()];
    pending.clear();
    for (const call of calls) call.resolve(DISCONNECTED);
  }

  function connect(): void {
    if (disposed) return;
    let opened = false;
    let current: BridgeSocket;
    try {
      current = new options.WebSocket(options.url);
    } catch {
      failAll();
      scheduleReconnect();
      return;
    }
    socket = current;
    current.onopen = () => {
      if (socket !== current) return;
      opened = true;
      attempt = 0;
      const wasReconnect = everConnected;
      everConnected = true;
      for (const message of queue.splice(0)) {
        if (!sendNow(message)) settle(message.id, DISCONNECTED);
      }
      if (wasReconnect) {
        options.onConnectionChange?.(true);
        // Whatever happened while we were away: catch the listeners up.
        void call("getState").then(catchUp);
      }
    };
    current.onmessage = (event: { data: unknown }) => {
      if (socket === current) onMessage(event.data);
    };
    current.onerror = () => {
      // "close" follows.
    };
    current.onclose = () => {
      if (socket !== current) return;
      socket = undefined;
      failAll();
      if (opened && !disposed) {
        options.onConnectionChange?.(false);
        for (const jid of [...known]) emit("state-changed", { jid, state: lostState(jid) });
      }
      scheduleReconnect();
    };
  }

  function scheduleReconnect(): void {
    if (disposed || reconnectTimer !== undefined) return;
    attempt += 1;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      connect();
    }, backoffMs(attempt));
  }

  function call<M extends ClientManagerMethod>(method: M, argument?: unknown): Promise<Result<M>> {
    // Between reconnect attempts nothing would carry the call: answer now rather than hang.
    // While a socket is connecting, calls wait for it to open (or fail with it).
    if (disposed || reconnectTimer !== undefined) return Promise.resolve(DISCONNECTED as Result<M>);
    const id = nextId++;
    const message: CallMessage = argument === undefined ? { type: "call", id, method } : { type: "call", id, method, argument };
    return new Promise<Result<M>>((resolve) => {
      pending.set(id, { method, resolve: resolve as (value: unknown) => void });
      if (!sendNow(message)) queue.push(message);
    });
  }

  connect();

  // One caller per method, from the shared list: a new method needs no line here.
  const methods = Object.fromEntries(CLIENT_MANAGER_METHODS.map((method) => [method, (argument?: unknown) => call(method, argument)]));
  const manager: Pick<SocketClientManager, "on" | "dispose"> = {
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      const entry = listener as Listener;
      set.add(entry);
      return () => void listeners.get(event)?.delete(entry);
    },
    dispose() {
      if (disposed) return;
      disposed = true;
      if (reconnectTimer !== undefined) clearTimeout(reconnectTimer);
      reconnectTimer = undefined;
      const closing = socket;
      socket = undefined;
      failAll();
      try {
        closing?.close(1000, "disposed");
      } catch {
        // Already closed.
      }
    },
  };
  return { ...methods, ...manager } as SocketClientManager;
}
