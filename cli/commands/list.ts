import type { ClientInfo } from "../../src/shared/client-info.js";
import { chooseAccount, signInStored } from "../account.js";
import { listFailure } from "../describe.js";
import { EXIT, type ExitCode } from "../exit-codes.js";
import type { Install } from "../install.js";
import { say, sayJson, stop } from "../output.js";
import { renderTable, style, useColour, type Cell, type Style } from "../table.js";

const AUTH_METHOD_WORDS: Record<string, string> = { password: "password", fast: "FAST token", token: "app token" };

/** Minutes are enough to tell "this morning" from "three months ago"; UTC reads the same on any server. */
export function formatTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

function row(client: ClientInfo, s: Style): Cell[] {
  const software = client.userAgent.software ?? "unknown software";
  return [
    { text: client.id },
    { text: client.isCurrent ? `${software} (this command line)` : software },
    { text: client.userAgent.device ?? "-" },
    client.connected
      ? { text: "connected now", show: s.green }
      : { text: client.lastSeen === undefined ? "not connected" : `last seen ${formatTime(client.lastSeen)}` },
    { text: client.authMethods.map((method) => AUTH_METHOD_WORDS[method] ?? method).join(", ") || "-" },
  ];
}

/** What has access to the account: a table, or the shared ClientList as JSON. */
export async function list(install: Install, named: string | undefined, options: { json: boolean }): Promise<ExitCode> {
  const account = await chooseAccount(install, named);
  if (!account.ok) return stop(account.error);
  const signedIn = await signInStored(install, account.value);
  if (!signedIn.ok) return stop(signedIn.error);
  const result = await install.call("listClients", { jid: account.value });
  if (!result.ok) return stop(listFailure(result.error));
  if (options.json) {
    sayJson(result.value);
    return EXIT.done;
  }
  const s = style(useColour(process.stdout, process.env));
  say(renderTable(["ID", "SOFTWARE", "DEVICE", "CONNECTED", "SIGNED IN WITH"], result.value.clients.map((client) => row(client, s)), s));
  return EXIT.done;
}
