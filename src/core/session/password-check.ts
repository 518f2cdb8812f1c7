import type { AccountError, Protection } from "../../shared/account-state.js";
import type { ServerAddress } from "../../shared/requests.js";
import { err, ok, type Result } from "../../shared/result.js";
import { createWardenSasl } from "../sasl/index.js";
import { createSignInOnlyClient } from "../xmpp/create-xmpp-client.js";
import type { TlsPolicy } from "../xmpp/verified-tls-socket.js";
import { SignInTimeoutError, toAccountError } from "./sign-in-errors.js";

const CHECK_TIMEOUT_MS = 20_000;

export interface PasswordCheck {
  address: ServerAddress;
  username: string;
  password: string;
  tls: TlsPolicy;
  /** The account's memory: the check refuses a weaker server exactly as a sign-in would. */
  protections: readonly Protection[];
  allowPlaintext: boolean;
}

/**
 * Proves a password to the server on a second connection of its own: the same TLS and downgrade
 * rules as a sign-in, SASL only — no FAST token asked for, no resource bound, nothing listed — then
 * closed. The signed-in session is untouched whatever the answer.
 */
export async function checkPassword(check: PasswordCheck): Promise<Result<null, AccountError>> {
  let authenticated!: () => void;
  const proved = new Promise<void>((resolve) => {
    authenticated = resolve;
  });
  const client = createSignInOnlyClient({
    address: check.address,
    tls: check.tls,
    allowPlaintext: check.allowPlaintext,
    sasl: createWardenSasl({
      username: check.username,
      password: () => check.password,
      allowInsecure: check.allowPlaintext,
      remembered: check.protections,
      onAuthenticated: () => authenticated(),
    }),
  });
  client.reconnect.stop();
  const started = client.entity.start();
  // Settled by the race below, or left behind once the password was proved.
  started.catch(() => undefined);
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      proved,
      // Rejects on failure; never resolves here, as "online" needs a resource this check never binds.
      started,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new SignInTimeoutError()), CHECK_TIMEOUT_MS);
      }),
    ]);
    return ok(null);
  } catch (error) {
    return err(toAccountError(error));
  } finally {
    clearTimeout(timer);
    try {
      await client.entity.stop();
    } catch {
      // Already closed by the server: nothing left to stop.
    }
  }
}
