// Which account a command is about, and signing in to it with what this device stored.
import { normalizeBareJid } from "../src/core/credentials/bare-jid.js";
import { getAccount } from "../src/core/settings/settings-store.js";
import { err, ok, type Result } from "../src/shared/result.js";
import { signInFailure } from "./describe.js";
import { EXIT, failure, type Failure } from "./exit-codes.js";
import type { Install } from "./install.js";

/** The account named, or the only one this device knows when none is named. */
export async function chooseAccount({ call }: Install, named: string | undefined): Promise<Result<string, Failure>> {
  const state = await call("getState");
  if (!state.ok) return err(failure(EXIT.refused, "Warden could not read its accounts."));
  const known = state.value.accounts.map((account) => account.jid);
  if (named === undefined) {
    if (known.length === 1 && known[0] !== undefined) return ok(known[0]);
    if (known.length === 0) return err(failure(EXIT.unreachable, "No account on this device. Sign in first: warden sign-in NAME@SERVER"));
    return err(failure(EXIT.usage, `Several accounts on this device (${known.join(", ")}): name one.`));
  }
  const jid = normalizeBareJid(named);
  if (jid === null) return err(failure(EXIT.usage, `Not an account address: ${named}. Use the form name@example.org.`));
  if (!known.includes(jid)) return err(failure(EXIT.unreachable, `${jid} is not signed in on this device. Sign in first: warden sign-in ${jid}`));
  return ok(jid);
}

/** Signs in to a known account with the token in the keychain; never asks for a password. */
export async function signInStored(install: Install, jid: string): Promise<Result<null, Failure>> {
  // Signed out on purpose (`warden sign-out`): the stored sign-in is gone, so don't connect to learn it.
  if (getAccount(install.settings, jid)?.remember === false) {
    return err(failure(EXIT.unreachable, `${jid} is signed out on this device. Sign in again: warden sign-in ${jid}`));
  }
  const result = await install.call("signIn", { jid, remember: true });
  if (!result.ok) return err(signInFailure(jid, result.error));
  const state = result.value;
  if (state.status === "online") return ok(null);
  if (state.status === "password-needed") {
    const why = state.reason === "token-rejected" ? "The server no longer accepts the sign-in stored for" : "Nothing is stored to sign in to";
    return err(failure(EXIT.unreachable, `${why} ${jid}. Sign in again: warden sign-in ${jid}`));
  }
  return err(failure(EXIT.unreachable, `Could not sign in to ${jid} (${state.status}).`));
}
