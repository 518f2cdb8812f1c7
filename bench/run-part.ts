// How a benchmark part that talks to the test server runs: in the environment bench/env.mjs sets
// up, with whatever it opened stopped at the end even when it fails.

/** Everything still open, so an error anywhere still stops every client and server. */
const cleanups: (() => Promise<unknown>)[] = [];

/** Stops `stop` at the next cleanUp(), after whatever was opened later. */
export function atCleanUp(stop: () => Promise<unknown>): void {
  cleanups.push(stop);
}

/** Stops everything opened so far, the newest first. */
export async function cleanUp(): Promise<void> {
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()!();
    } catch {
      // Best effort: keep stopping the rest.
    }
  }
}

/** Runs the part; a failure is printed and sets a failing exit code, and everything open is stopped either way. */
export async function runPart(main: () => Promise<void>): Promise<void> {
  try {
    // Node reads NODE_EXTRA_CA_CERTS only at process start, so it cannot be set from here.
    if (!process.env.NODE_EXTRA_CA_CERTS || !process.env.WARDEN_TEST_CA_DIR) {
      throw new Error("run through `npm run bench` or `npm run bench:login` (bench/env.mjs): the test CA must be trusted at process start");
    }
    await main();
  } catch (error) {
    console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
    process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}
