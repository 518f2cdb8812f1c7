import SASLError from "@xmpp/sasl/lib/SASLError.js";
import type { AccountError } from "../../shared/account-state.js";
import { DowngradeError, HashedTokenError, InsecureConnectionError, NoAcceptableMechanismError, ScramError } from "../sasl/index.js";
import { CertificateError } from "../xmpp/verified-tls-socket.js";
import { InsecureStreamError } from "../xmpp/stream-policy.js";
import { MalformedStreamError } from "../xmpp/bounded-parser.js";

export class SignInTimeoutError extends Error {
  constructor() {
    super("The server did not finish signing in in time.");
  }
}

const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH", "ETIMEDOUT", "EPIPE"]);

/** Turns whatever a sign-in attempt threw into the typed reason the UI shows. */
export function toAccountError(error: unknown): AccountError {
  if (error instanceof CertificateError) return error.problem;
  if (error instanceof InsecureStreamError) return { kind: "insecure-stream", reason: error.reason };
  if (error instanceof MalformedStreamError) return { kind: "malformed-stream", reason: error.reason, detail: error.detail };
  if (error instanceof SASLError) return { kind: "auth-failed", condition: error.condition, ...(error.text ? { text: error.text } : {}) };
  if (error instanceof InsecureConnectionError) return { kind: "server-unsupported", detail: error.message };
  if (error instanceof SignInTimeoutError) return { kind: "timeout" };
  if (error instanceof NoAcceptableMechanismError) return { kind: "server-unsupported", detail: error.message };
  if (error instanceof DowngradeError) return { kind: "downgrade", lost: error.lost };
  if (error instanceof ScramError || error instanceof HashedTokenError) return { kind: "auth-failed", text: error.message };
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === "string" && NETWORK_CODES.has(code)) return { kind: "network", message: (error as Error).message, code, ...triedAddress(error) };
  if (error instanceof Error && error.name === "TimeoutError") return { kind: "timeout" };
  if (error instanceof Error && (error.name === "StreamError" || /socket|connect/i.test(error.message))) {
    return { kind: "network", message: error.message };
  }
  return { kind: "internal", message: error instanceof Error ? error.message : String(error) };
}

/** The host (and port) a system network error names: `hostname` for a name lookup, `address`/`port` for a connection. */
function triedAddress(error: unknown): { host?: string; port?: number } {
  const { hostname, address, port } = error as { hostname?: unknown; address?: unknown; port?: unknown };
  const host = typeof address === "string" ? address : typeof hostname === "string" ? hostname : undefined;
  if (host === undefined) return {};
  return typeof port === "number" && Number.isInteger(port) ? { host, port } : { host };
}

/** Errors after which retrying cannot help, or must not happen: the server is not one to talk to. */
export function isFatal(error: AccountError): boolean {
  return FATAL.has(error.kind);
}

const FATAL = new Set<AccountError["kind"]>(["auth-failed", "certificate", "server-unsupported", "insecure-stream", "downgrade", "malformed-stream"]);
