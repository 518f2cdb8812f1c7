/**
 * Prosody stamps password changes and last password use in whole seconds, and keeps a client that
 * used the password in the same second as a change. Waiting for the clock to tick is the event here.
 */
export function nextSecond(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 1000 - (Date.now() % 1000) + 5));
}
