import { z } from "zod";

/** What any request to the server can fail with, besides its own outcomes. */
export const requestErrorSchema = z.discriminatedUnion("kind", [
  /** The account named is not signed in on this device (or this device does not know it). */
  z.object({ kind: z.literal("not-signed-in") }),
  z.object({ kind: z.literal("invalid-request"), detail: z.string() }),
  z.object({ kind: z.literal("timeout") }),
  z.object({ kind: z.literal("disconnected") }),
  /** The server's reply did not follow the protocol. */
  z.object({ kind: z.literal("protocol"), detail: z.string() }),
  z.object({ kind: z.literal("internal"), message: z.string() }),
]);
export type RequestError = z.infer<typeof requestErrorSchema>;

export const listErrorSchema = z.discriminatedUnion("kind", [
  ...requestErrorSchema.options,
  /** The server answers neither manage-clients namespace. */
  z.object({ kind: z.literal("unsupported") }),
  z.object({ kind: z.literal("forbidden"), text: z.string().optional() }),
  z.object({ kind: z.literal("server-error"), condition: z.string(), text: z.string().optional() }),
]);
export type ListError = z.infer<typeof listErrorSchema>;

export type StanzaErrorInfo = { condition: string; text?: string; type?: string };

export function invalidRequest(error: z.ZodError): { kind: "invalid-request"; detail: string } {
  return { kind: "invalid-request", detail: error.issues.map((i) => `${i.path.join(".") || "request"}: ${i.message}`).join("; ") };
}
