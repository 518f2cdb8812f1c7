import type { RevokeResult } from "../../src/shared/outcomes.js";
import { chooseAccount, signInStored } from "../account.js";
import { revokeFailure, revokeOutcome } from "../describe.js";
import { EXIT, failure, worst, type ExitCode } from "../exit-codes.js";
import type { Install } from "../install.js";
import { complain, say, sayJson, stop } from "../output.js";
import { canAsk, confirm } from "../terminal-input.js";

/** What --json prints: one entry per id, in the order given, each the shared RevokeResult. */
export type RevokeReport = { id: string; result: RevokeResult }[];

/** The clients about to be cut off, as a person would recognise them. */
async function describeTargets(install: Install, jid: string, ids: readonly string[]): Promise<string[]> {
  const listed = await install.call("listClients", { jid });
  const clients = listed.ok ? listed.value.clients : [];
  return ids.map((id) => {
    const client = clients.find((c) => c.id === id);
    if (!client) return `  ${id} (not in the current list)`;
    const what = [client.userAgent.software, client.userAgent.device].filter(Boolean).join(" on ") || "unknown software";
    return `  ${id}: ${what}${client.isCurrent ? " (this command line: it will be signed out)" : ""}`;
  });
}

/** Cuts each client off; asks first at a terminal, and needs --yes anywhere else. */
export async function revoke(install: Install, named: string, ids: readonly string[], options: { yes: boolean; json: boolean }): Promise<ExitCode> {
  if (!options.yes && !canAsk()) {
    return stop(failure(EXIT.usage, "Revoking signs clients out: pass --yes to confirm when not running at a terminal. Nothing was revoked."));
  }
  const account = await chooseAccount(install, named);
  if (!account.ok) return stop(account.error);
  const jid = account.value;
  const signedIn = await signInStored(install, jid);
  if (!signedIn.ok) return stop(signedIn.error);
  if (!options.yes) {
    process.stderr.write(`About to sign out these clients of ${jid} and revoke their access:\n${(await describeTargets(install, jid, ids)).join("\n")}\n`);
    const answer = await confirm("Go ahead?");
    if (answer === undefined) return stop(failure(EXIT.interrupted, "Cancelled: nothing was revoked."));
    if (!answer) return stop(failure(EXIT.refused, "Not confirmed: nothing was revoked."));
  }
  const report: RevokeReport = [];
  const codes: ExitCode[] = [];
  for (const id of ids) {
    // Confirmed above (or by --yes), including for the command line's own entry.
    const result = await install.call("revokeClient", { jid, id, confirmSignOut: true });
    report.push({ id, result });
    const said = result.ok ? revokeOutcome(result.value) : revokeFailure(result.error);
    codes.push(said.code);
    if (options.json) continue;
    if (said.code === EXIT.done) say(`${id}: ${said.message}`);
    else complain(`${id}: ${said.message}`);
  }
  if (options.json) sayJson(report);
  return worst(codes);
}
