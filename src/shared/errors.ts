import type { z } from "zod";

/** What any request to the server can fail with, besides its own outcomes. */
export type RequestError =
  | { kind: "not-signed-in" }
  | { kind: "invalid-request"; detail: string }
  | { kind: "timeout" }
  | { kind: "disconnected" }
  /** The server's reply did not follow the protocol. */
  | { kind: "protocol"; detail: string }
  | { kind: "internal"; message: string };

export type ListError =
  | RequestError
  /** The server answers neither manage-clients namespace. */
  | { kind: "unsupported" }
  | { kind: "forbidden"; text?: string }
  | { kind: "server-error"; condition: string; text?: string };

export type StanzaErrorInfo = { condition: string; text?: string; type?: string };

export function invalidRequest(error: z.ZodError): { kind: "invalid-request"; detail: string } {
  return { kind: "invalid-request", detail: error.issues.map((i) => `${i.path.join(".") || "request"}: ${i.message}`).join("; ") };
}
