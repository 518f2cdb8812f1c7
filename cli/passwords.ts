// Where a command's passwords come from: prompts at a terminal, else standard input, one per line.
import { err, ok, type Result } from "../src/shared/result.js";
import { EXIT, failure, type Failure } from "./exit-codes.js";
import { askHidden, canAsk, readLines } from "./terminal-input.js";

/** Standard input holds the passwords: asked for (--password-stdin), or not a terminal to prompt at. */
function fromStdin(passwordStdin: boolean): boolean {
  return passwordStdin || !canAsk();
}

const cancelled = err(failure(EXIT.interrupted, "Cancelled: nothing was done."));

function missing(what: string) {
  return err(failure(EXIT.usage, `Expected ${what} on standard input, one per line; nothing was done.`));
}

export async function signInPassword(jid: string, passwordStdin: boolean): Promise<Result<string, Failure>> {
  if (fromStdin(passwordStdin)) {
    const [password] = await readLines(1);
    return password ? ok(password) : missing("the password");
  }
  const password = await askHidden(`Password for ${jid}: `);
  if (password === undefined) return cancelled;
  return password ? ok(password) : err(failure(EXIT.usage, "No password typed: nothing was done."));
}

export async function passwordChange(jid: string, passwordStdin: boolean): Promise<Result<{ currentPassword: string; newPassword: string }, Failure>> {
  if (fromStdin(passwordStdin)) {
    const [currentPassword, newPassword] = await readLines(2);
    if (currentPassword === undefined || newPassword === undefined) return missing("the current password, then the new one,");
    return ok({ currentPassword, newPassword });
  }
  const currentPassword = await askHidden(`Current password for ${jid}: `);
  if (currentPassword === undefined) return cancelled;
  const newPassword = await askHidden("New password: ");
  if (newPassword === undefined) return cancelled;
  const again = await askHidden("New password again: ");
  if (again === undefined) return cancelled;
  if (again !== newPassword) return err(failure(EXIT.usage, "The new passwords differ: nothing was changed."));
  return ok({ currentPassword, newPassword });
}
