// Revoke benchmark: median time from `revokeClient()` to its verified outcome for a connected FAST
// client, next to the server's close timeout, against a real Prosody 13 on loopback running the
// manage-clients test module (which closes a connected client the way the upstream module does).
// Each run takes about the close timeout: the revoked client, like @xmpp/client 0.14, does not
// answer the server's bare </stream:stream>, so the server keeps its session until the timeout.
//
// Run as part of `npm run bench` (bench/run.mjs), or alone in the same environment:
//   node -e 'import("./bench/env.mjs").then(async (m) => process.exit(await m.runInBenchSession("npx tsx bench/revoke.ts")))'
//
// Env: BENCH_REVOKE_RUNS (default 5), BENCH_VERBOSE=1 for per-run timings.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClientManager } from "../src/core/client-manager.js";
import { createOsKeychain } from "../src/core/credentials/index.js";
import { createFileRecordsBeside } from "../src/core/records/file-records.js";
import { createConfSettingsStore } from "../src/core/settings/index.js";
import type { RevokeOutcome } from "../src/shared/outcomes.js";
import { signInOtherClient, signOutOtherClient } from "../test/server/other-client.js";
import { startTestServer } from "../test/server/prosody-test-server.js";
import { median, met, ms, positiveInt, quiet, saveSection, timed, times } from "./common.js";
import { atCleanUp, runPart } from "./run-part.js";

const RUNS = positiveInt(process.env.BENCH_REVOKE_RUNS, 5);
const VERBOSE = process.env.BENCH_VERBOSE === "1";

async function main(): Promise<void> {
  const server = await startTestServer();
  atCleanUp(() => server.stop());
  const closeTimeoutMs = server.closeTimeoutSeconds * 1000;
  const account = await server.createAccount(`bench-${randomUUID().slice(0, 8)}`);
  const dir = await mkdtemp(join(tmpdir(), "warden-bench-settings-"));
  atCleanUp(() => rm(dir, { recursive: true, force: true }));
  const settings = createConfSettingsStore({ cwd: dir });
  const manager = createClientManager({ settings, keychain: createOsKeychain(), records: createFileRecordsBeside(settings.location), log: quiet });
  atCleanUp(() => manager.dispose());
  atCleanUp(() => manager.signOut({ jid: account.jid, forgetCredentials: true }));
  const signIn = await manager.signIn({
    jid: account.jid,
    password: account.password,
    remember: true,
    server: { host: server.host, port: server.starttlsPort, tls: "starttls" },
  });
  if (!signIn.ok) throw new Error(`Warden sign-in failed: ${signIn.error.kind}`);

  console.log(`runs: ${RUNS}; server close timeout ${server.closeTimeoutSeconds} s; median shown`);
  const samples: number[] = [];
  const outcomes = new Set<string>();
  for (let i = 0; i < RUNS; i += 1) {
    // A phone that signed in with the password once, then came back with its FAST token: listed connected with <fast/>.
    const uaId = randomUUID();
    const first = await signInOtherClient(server, account, { uaId, software: "Bench phone" });
    await signOutOtherClient(first);
    const phone = await signInOtherClient(server, { jid: account.jid, password: "" }, { uaId, software: "Bench phone", fastToken: first.fastToken });
    const listed = await manager.listClients({ jid: account.jid });
    const entry = listed.ok ? listed.value.clients.find((c) => c.id === `client/${uaId}`) : undefined;
    if (!entry?.connected) throw new Error("the FAST client is not listed connected");
    let outcome: RevokeOutcome | undefined;
    const elapsed = await timed(async () => {
      const result = await manager.revokeClient({ jid: account.jid, id: entry.id });
      if (!result.ok) throw new Error(`revoke failed: ${result.error.kind}`);
      outcome = result.value;
    });
    if (outcome?.outcome !== "gone" && outcome?.outcome !== "knows-password") throw new Error(`revoke not verified: ${JSON.stringify(outcome)}`);
    outcomes.add(outcome.outcome);
    await phone.disconnected;
    samples.push(elapsed);
    if (VERBOSE) console.log(`run ${i + 1}: ${Math.round(elapsed)} ms, ${outcome.outcome}`);
  }

  const warden = median(samples);
  const ratio = warden / closeTimeoutMs;
  console.log(`revoke a connected FAST client until verified: ${ms(warden)} (server close timeout ${server.closeTimeoutSeconds} s, ${times(ratio)})`);
  saveSection("revoke", {
    order: 6,
    title: "Revoke a connected client (core, no UI)",
    method: [
      "A real Prosody 13 on loopback (STARTTLS) with the manage-clients test module, which closes a revoked connected client with a bare `</stream:stream>` and keeps its session (listed as connected, FAST token kept) until the client answers or the server's close timeout runs out, as the upstream module does.",
      "Warden: `revokeClient()` on a connected client that signed in with its FAST token (an @xmpp/client 0.14, which does not answer the close), until the outcome the next list verified: the list polled with backoff until it shows the client disconnected, a second revoke to remove its tokens, and a confirming list.",
      "Baseline: the server's close timeout (`c2s_close_timeout`), the wait no client-side revoke can shorten.",
    ],
    runs: `${RUNS}, one Warden install, a new phone each run; outcomes: ${[...outcomes].join(", ")}`,
    rows: [
      {
        figure: "revoke a connected FAST client until verified",
        warden: ms(warden),
        baseline: `${ms(closeTimeoutMs)} (close timeout)`,
        ratio: `${times(ratio)} (Warden / close timeout)`,
        target: "≤ close timeout + 2 s",
        met: met(warden <= closeTimeoutMs + 2000),
      },
    ],
    notes: [],
  });
}

await runPart(main);
