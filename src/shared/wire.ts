import { z } from "zod";
import { CLIENT_MANAGER_EVENTS, CLIENT_MANAGER_METHODS } from "./api.js";

/** Browser mode's WebSocket messages. Calls go up; results and events come down. */
export const callMessageSchema = z.object({
  type: z.literal("call"),
  id: z.number().int().nonnegative(),
  method: z.enum(CLIENT_MANAGER_METHODS),
  argument: z.unknown().optional(),
});
export type CallMessage = z.infer<typeof callMessageSchema>;

export const resultMessageSchema = z.object({
  type: z.literal("result"),
  id: z.number().int().nonnegative(),
  result: z.unknown(),
});
export type ResultMessage = z.infer<typeof resultMessageSchema>;

export const eventMessageSchema = z.object({
  type: z.literal("event"),
  event: z.enum(CLIENT_MANAGER_EVENTS),
  payload: z.unknown(),
});
export type EventMessage = z.infer<typeof eventMessageSchema>;

export const downMessageSchema = z.discriminatedUnion("type", [resultMessageSchema, eventMessageSchema]);
export type DownMessage = z.infer<typeof downMessageSchema>;
