// One WebSocket connection's side of the ClientManagerApi: calls in, results and events out.
// Nothing here logs a payload (sign-in and password change carry passwords).
import type { RawData, WebSocket } from "ws";
import { CLIENT_MANAGER_EVENTS, type ClientManagerApi, type ClientManagerEvents } from "../src/shared/api.js";
import { METHOD_ARGUMENT_SCHEMAS } from "../src/shared/api-schemas.js";
import { invalidRequest } from "../src/shared/errors.js";
import { err } from "../src/shared/result.js";
import { callMessageSchema, type EventMessage, type ResultMessage } from "../src/shared/wire.js";

/** WebSocket close code for a message that breaks the protocol and can't be answered. */
export const POLICY_VIOLATION = 1008;
/** Calls one connection may have waiting on the core at once. */
export const MAX_IN_FLIGHT = 64;
const MAX_MESSAGE_LENGTH = 500;

function isRecord(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function recoverId(value: unknown): number | undefined {
  if (!isRecord(value)) return undefined;
  const id = value.id;
  return typeof id === "number" && Number.isSafeInteger(id) && id >= 0 ? id : undefined;
}

function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString("utf8");
  if (Array.isArray(data)) return Buffer.concat(data).toString("utf8");
  return Buffer.from(data).toString("utf8");
}

/** An exception's message, bounded, without a stack. */
function describe(error: unknown): string {
  let message = "unexpected error";
  try {
    if (error instanceof Error && error.message) message = error.message;
  } catch {
    // A hostile getter: keep the generic message.
  }
  return message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : message;
}

export type SocketApiOptions = {
  /** Told which method threw (never the argument or the message), e.g. for a log line. */
  onCoreError?: (method: string) => void;
};

/** Wires `socket` to `manager` until the socket closes. */
export function serveSocket(socket: WebSocket, manager: ClientManagerApi, options: SocketApiOptions = {}): void {
  let inFlight = 0;

  const send = (message: ResultMessage | EventMessage) => {
    if (socket.readyState !== socket.OPEN) return;
    let text: string;
    try {
      text = JSON.stringify(message);
    } catch {
      if (message.type !== "result") return;
      text = JSON.stringify({ ...message, result: err({ kind: "internal", message: "the result could not be serialised" }) });
    }
    socket.send(text, () => {
      // Errors sending (the socket went away meanwhile) are the socket's own business.
    });
  };

  const reply = (id: number, result: unknown) => send({ type: "result", id, result });

  const unsubscribes = CLIENT_MANAGER_EVENTS.map((event) => {
    try {
      return manager.on(event, (payload: ClientManagerEvents[typeof event]) => send({ type: "event", event, payload }));
    } catch {
      return () => {};
    }
  });
  const unsubscribeAll = () => {
    for (const unsubscribe of unsubscribes.splice(0)) {
      try {
        unsubscribe();
      } catch {
        // Nothing more to do.
      }
    }
  };

  socket.on("close", unsubscribeAll);
  socket.on("error", () => {
    // Protocol errors (oversized frame, bad framing) close the socket; "close" cleans up.
  });

  socket.on("message", (data, isBinary) => {
    if (isBinary) {
      socket.close(POLICY_VIOLATION, "text frames only");
      return;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(textOf(data));
    } catch {
      socket.close(POLICY_VIOLATION, "not JSON");
      return;
    }
    const call = callMessageSchema.safeParse(parsed);
    if (!call.success) {
      const id = recoverId(parsed);
      if (id === undefined) socket.close(POLICY_VIOLATION, "not a call");
      else reply(id, err(invalidRequest(call.error)));
      return;
    }
    const { id, method } = call.data;
    const argument = METHOD_ARGUMENT_SCHEMAS[method].safeParse(call.data.argument);
    if (!argument.success) {
      reply(id, err(invalidRequest(argument.error)));
      return;
    }
    if (inFlight >= MAX_IN_FLIGHT) {
      reply(id, err({ kind: "invalid-request", detail: `more than ${MAX_IN_FLIGHT} calls in flight` }));
      return;
    }

    inFlight += 1;
    const settle = (result: unknown) => {
      inFlight -= 1;
      reply(id, result);
    };
    const fail = (error: unknown) => {
      options.onCoreError?.(method);
      const message = describe(error);
      // getState answers with a state, never a Result: keep the shape the caller expects.
      settle(method === "getState" ? { status: "error", error: { kind: "internal", message } } : err({ kind: "internal", message }));
    };
    try {
      // The schema table and the API agree method by method; TypeScript can't correlate the union.
      const invoke = manager[method] as (argument: unknown) => Promise<unknown>;
      Promise.resolve(invoke.call(manager, argument.data)).then(settle, fail);
    } catch (error) {
      fail(error);
    }
  });
}
