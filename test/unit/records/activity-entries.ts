// Activity entries for the records tests: a new sign-in per id, at a given time.
import type { AlertEntry } from "../../../src/shared/activity.js";

const DAY_MS = 24 * 60 * 60 * 1000;

export function newSignIn(id: string, { at = Date.now(), device = "Pixel 8" }: { at?: number; device?: string } = {}): AlertEntry {
  return {
    id,
    at,
    kind: "new-sign-in",
    client: { id: `client-${id}`, kind: "session", software: "Conversations", device, authMethods: ["password"] },
  };
}

export function daysAgo(days: number): number {
  return Date.now() - days * DAY_MS;
}
