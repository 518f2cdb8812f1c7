import { chooseAccount, signInStored } from "../account.js";
import { changePasswordFailure } from "../describe.js";
import { EXIT, type ExitCode } from "../exit-codes.js";
import type { Install } from "../install.js";
import { complain, say, stop } from "../output.js";
import { passwordChange } from "../passwords.js";

/** Changes the account's password; the current one is proved to the server before anything changes. */
export async function changePassword(install: Install, named: string, options: { passwordStdin: boolean }): Promise<ExitCode> {
  const account = await chooseAccount(install, named);
  if (!account.ok) return stop(account.error);
  const jid = account.value;
  // Asked before connecting: a person types while nothing waits on the server.
  const passwords = await passwordChange(jid, options.passwordStdin);
  if (!passwords.ok) return stop(passwords.error);
  const signedIn = await signInStored(install, jid);
  if (!signedIn.ok) return stop(signedIn.error);
  const result = await install.call("changePassword", { jid, ...passwords.value });
  if (!result.ok) return stop(changePasswordFailure(result.error));
  say(`Changed the password of ${jid}. Clients that signed in with the old password must sign in again.`);
  const { confirmed, cutOff, remainingGrants, tokenRenewed } = result.value;
  // Only what the server's next list showed: nothing is claimed when that list failed.
  if (!confirmed) complain("Warden couldn't read the list again, so it can't say what lost access: run `warden list` to see.");
  else if (cutOff.length > 0) {
    say(`Lost access (no longer listed):`);
    for (const client of cutOff) say(`  ${client.id}: ${client.userAgent.software ?? "unknown software"}${client.userAgent.device ? ` on ${client.userAgent.device}` : ""}`);
  }
  if (remainingGrants.length > 0) {
    say(`These app tokens survive a password change and still have access; revoke them with \`warden revoke ${jid} ID…\`:`);
    for (const grant of remainingGrants) say(`  ${grant.id}: ${grant.userAgent.software ?? "unknown software"}`);
  }
  if (!tokenRenewed) complain(`The new sign-in could not be kept in the keychain: run \`warden sign-in ${jid}\` before the next command.`);
  return EXIT.done;
}
