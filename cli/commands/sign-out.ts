import { chooseAccount } from "../account.js";
import { requestFailure } from "../describe.js";
import { EXIT, type ExitCode } from "../exit-codes.js";
import type { Install } from "../install.js";
import { say, stop } from "../output.js";

/**
 * Forgets this device's stored sign-in for the account (no connection needed). With --forget, also
 * the account itself: its server, trusted certificates and what Warden learnt about it.
 */
export async function signOut(install: Install, named: string, options: { forget: boolean }): Promise<ExitCode> {
  const account = await chooseAccount(install, named);
  if (!account.ok) return stop(account.error);
  const jid = account.value;
  const result = options.forget ? await install.call("removeAccount", { jid }) : await install.call("signOut", { jid, forgetCredentials: true });
  if (!result.ok) return stop(requestFailure(result.error));
  say(options.forget ? `Signed out of ${jid} and forgot the account on this device.` : `Signed out of ${jid} on this device.`);
  return EXIT.done;
}
