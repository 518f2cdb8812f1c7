// One WebSocket connection's transport for the ClientManagerApi: call frames in, results and events
// out. The core's dispatcher validates and answers each call; this file only frames messages and
// bounds what one connection may have in flight. Nothing here logs a payload (passwords).
import type { RawData, WebSocket } from "ws";
import type { Dispatch } from "../src/core/dispatch.js";
import type { ClientManagerApi } from "../src/shared/api.js";
import { forwardEvents } from "../src/core/forward-events.js";
import { invalidRequest } from "../src/shared/errors.js";
import { err } from "../src/shared/result.js";
import { callMessageSchema, type EventMessage, type ResultMessage } from "../src/shared/wire.js";

/** WebSocket close code for a message that breaks the protocol and can't be answered. */
export const POLICY_VIOLATION = 1008;
/** Calls one connection may have waiting on the core at once. */
export const MAX_IN_FLIGHT = 64;

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

/** Wires `socket` to the core until it closes: calls go to `dispatch`, `manager`'s events come down. */
export function serveSocket(socket: WebSocket, dispatch: Dispatch, manager: Pick<ClientManagerApi, "on">): void {
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

  const unsubscribeAll = forwardEvents(manager, (event, payload) => send({ type: "event", event, payload }));

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
    const { id, method, argument } = call.data;
    if (inFlight >= MAX_IN_FLIGHT) {
      reply(id, err({ kind: "invalid-request", detail: `more than ${MAX_IN_FLIGHT} calls in flight` }));
      return;
    }
    inFlight += 1;
    void dispatch(method, argument).then((result) => {
      inFlight -= 1;
      reply(id, result);
    });
  });
}
