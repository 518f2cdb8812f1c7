import { normalizeBareJid } from "../../src/core/credentials/bare-jid.js";
import type { ServerAddress } from "../../src/shared/requests.js";
import { signInFailure } from "../describe.js";
import { EXIT, failure, type ExitCode } from "../exit-codes.js";
import type { Install } from "../install.js";
import { say, stop } from "../output.js";
import { signInPassword } from "../passwords.js";

export interface SignInOptions {
  server?: ServerAddress;
  passwordStdin: boolean;
}

/** Signs in with the password and keeps the server's token in the keychain for the other commands. */
export async function signIn(install: Install, named: string, options: SignInOptions): Promise<ExitCode> {
  const jid = normalizeBareJid(named);
  if (jid === null) return stop(failure(EXIT.usage, `Not an account address: ${named}. Use the form name@example.org.`));
  const password = await signInPassword(jid, options.passwordStdin);
  if (!password.ok) return stop(password.error);
  const result = await install.call("signIn", {
    jid,
    password: password.value,
    remember: true,
    allowInsecureLoopback: false,
    ...(options.server ? { server: options.server } : {}),
  });
  if (!result.ok) return stop(signInFailure(jid, result.error));
  const state = result.value;
  if (state.status !== "online") return stop(failure(EXIT.refused, `Could not sign in to ${jid} (${state.status}).`));
  if (state.credentials !== "keychain") {
    return stop(failure(EXIT.unreachable, `Signed in to ${jid}, but no keychain answered, so the command line cannot stay signed in.`));
  }
  say(`Signed in to ${jid}. The command line keeps this sign-in in the keychain for its other commands.`);
  return EXIT.done;
}
