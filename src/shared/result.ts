import { z } from "zod";

/** Every call across the process boundary resolves to one of these; nothing throws. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

export function err<E>(error: E): { ok: false; error: E } {
  return { ok: false, error };
}

/** The runtime schema of a `Result<T, E>`, for checking a reply that crossed a process boundary. */
export function resultSchema<T extends z.ZodType, E extends z.ZodType>(value: T, error: E) {
  return z.discriminatedUnion("ok", [z.object({ ok: z.literal(true), value }), z.object({ ok: z.literal(false), error })]);
}
