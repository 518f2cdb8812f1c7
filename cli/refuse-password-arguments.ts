// A password on the command line is visible to every user of the machine (ps, /proc) and stays in
// the shell's history: refused before anything else happens, whatever the option is called.
import { EXIT, failure, type Failure } from "./exit-codes.js";

/** The one option that mentions a password and takes none. */
const ALLOWED = new Set(["--password-stdin"]);
const LOOKS_LIKE_PASSWORD_OPTION = /^--?[^=]*(pass|pwd|secret)/i;

export function passwordArgument(argv: readonly string[]): Failure | undefined {
  for (const arg of argv) {
    if (arg === "--") return undefined;
    if (ALLOWED.has(arg) || !LOOKS_LIKE_PASSWORD_OPTION.test(arg)) continue;
    const option = arg.split("=")[0] ?? arg;
    return failure(
      EXIT.usage,
      `${option}: Warden never takes a password as an argument, where other users and the shell history could see it. ` +
        "Type it when asked, or give it on standard input (--password-stdin). Nothing was done.",
    );
  }
  return undefined;
}
