const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 60_000;

/** Delay before reconnect attempt `attempt` (1-based): doubling, capped, with ±20 % jitter so clients don't stampede a restarted server. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempt - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}
