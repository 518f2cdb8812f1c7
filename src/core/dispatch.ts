// The one place a call from outside the process becomes a call on the client manager: every host
// (Electron IPC, browser mode's WebSocket) keeps only its own transport and sender checks and hands
// (method, argument) here. Whatever happens, the answer is a typed value; nothing thrown crosses.
// Nothing here logs an argument (sign-in and password change carry passwords).
import { CLIENT_MANAGER_METHODS, type ClientManagerApi, type ClientManagerMethod } from "../shared/api.js";
import { METHOD_ARGUMENT_SCHEMAS } from "../shared/api-schemas.js";
import { invalidRequest } from "../shared/errors.js";
import { err, type Result } from "../shared/result.js";

const MAX_MESSAGE_LENGTH = 500;

export type Dispatch = (method: unknown, argument: unknown) => Promise<Result<unknown, unknown>>;

export interface DispatchOptions {
  /** Told which method threw (never the argument or the message), e.g. for a log line. */
  onCoreError?: (method: ClientManagerMethod) => void;
  /** Told each core result (e.g. to notify when a revoke finishes). Never changes the answer. */
  onSettled?: (method: ClientManagerMethod, result: unknown) => void;
}

const METHODS: ReadonlySet<string> = new Set(CLIENT_MANAGER_METHODS);

export function isClientManagerMethod(method: unknown): method is ClientManagerMethod {
  return typeof method === "string" && METHODS.has(method);
}

/** An exception's message, bounded, without a stack: all a caller outside the process learns. */
function describeError(error: unknown): string {
  let message = "unexpected error";
  try {
    if (error instanceof Error && error.message) message = error.message;
  } catch {
    // A hostile getter: keep the generic message.
  }
  return message.length > MAX_MESSAGE_LENGTH ? `${message.slice(0, MAX_MESSAGE_LENGTH - 1)}…` : message;
}

function safely(fn: () => void): void {
  try {
    fn();
  } catch {
    // Observers must not change the answer.
  }
}

export function createDispatcher(manager: ClientManagerApi, options: DispatchOptions = {}): Dispatch {
  return async (method, argument) => {
    // String() of an arbitrary value can throw (no prototype, a hostile toString): name only strings.
    if (!isClientManagerMethod(method)) return err({ kind: "invalid-request", detail: `method: unknown (${typeof method === "string" ? method.slice(0, 64) : typeof method})` });
    let parsed: ReturnType<(typeof METHOD_ARGUMENT_SCHEMAS)[typeof method]["safeParse"]>;
    try {
      parsed = METHOD_ARGUMENT_SCHEMAS[method].safeParse(argument);
    } catch {
      // An in-process caller's argument whose getters throw: zod lets that through.
      return err({ kind: "invalid-request", detail: "request: could not be read" });
    }
    if (!parsed.success) return err(invalidRequest(parsed.error));
    let result: Result<unknown, unknown>;
    try {
      // The schema table and the API agree method by method; TypeScript can't correlate the union.
      const invoke = manager[method] as (argument: unknown) => Promise<Result<unknown, unknown>>;
      result = await invoke.call(manager, parsed.data);
    } catch (error) {
      safely(() => options.onCoreError?.(method));
      return err({ kind: "internal", message: describeError(error) });
    }
    safely(() => options.onSettled?.(method, result));
    return result;
  };
}
