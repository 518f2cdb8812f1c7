import type { AccountState } from "../../src/shared/account-state.js";
import { getAccount } from "../../src/core/settings/settings-store.js";
import { EXIT, failure, type ExitCode } from "../exit-codes.js";
import type { Install } from "../install.js";
import { say, sayJson, stop } from "../output.js";
import { renderTable, style, useColour } from "../table.js";

function describeState(state: AccountState): string {
  switch (state.status) {
    case "online":
      return state.credentials === "keychain" ? "signed in" : "signed in, but nothing is stored for next time";
    case "password-needed":
      return state.reason === "token-rejected" ? "needs the password again (the stored sign-in was refused)" : "signed out";
    case "signed-out":
      return "signed out";
    case "error":
      return `cannot connect (${state.error.kind})`;
    case "connecting":
    case "reconnecting":
      return "connecting";
  }
}

/** Every account this device knows, each signed in with what is stored to show whether that still works. */
export async function accounts(install: Install, options: { json: boolean }): Promise<ExitCode> {
  await install.manager.resumeRemembered();
  const state = await install.call("getState");
  if (!state.ok) return stop(failure(EXIT.refused, "Warden could not read its accounts."));
  if (options.json) {
    sayJson(state.value);
    return EXIT.done;
  }
  if (state.value.accounts.length === 0) {
    say("No account on this device. Sign in with: warden sign-in NAME@SERVER");
    return EXIT.done;
  }
  const s = style(useColour(process.stdout, process.env));
  const rows = state.value.accounts.map(({ jid, state: accountState }) => {
    const server = getAccount(install.settings, jid)?.server;
    return [
      { text: jid },
      { text: describeState(accountState), show: accountState.status === "online" ? s.green : undefined },
      { text: server ? `${server.host}:${server.port}${server.tls === "direct" ? " (direct TLS)" : ""}` : "from DNS" },
    ];
  });
  say(renderTable(["ACCOUNT", "STATUS", "SERVER"], rows, s));
  return EXIT.done;
}
