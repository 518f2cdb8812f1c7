import { EventEmitter } from "node:events";
import jid, { type JID } from "@xmpp/jid";
import xml from "@xmpp/xml";
import type { Element } from "ltx";
import { PROTECTIONS, type AccountError, type AccountState, type CredentialStorage, type Protection } from "../../shared/account-state.js";
import type { RequestError } from "../../shared/errors.js";
import type { ServerAddress } from "../../shared/requests.js";
import { err, ok, type Result } from "../../shared/result.js";
import type { XmlElement } from "../protocol/xml.js";
import { createXmppClient, type XmppClient } from "../xmpp/create-xmpp-client.js";
import { isLoopbackHost } from "../xmpp/loopback.js";
import { dropSocket } from "../xmpp/upstream-patches/drop-socket.js";
import type { Logger } from "../log.js";
import { reconnectDelay } from "./backoff.js";
import { createWardenSasl, PasswordNeededError, type FastToken } from "../sasl/index.js";
import { SignInTimeoutError, isFatal, toAccountError } from "./sign-in-errors.js";
import { checkPassword } from "./password-check.js";
import { nextState, type SessionEvent } from "./session-machine.js";

const SIGN_IN_TIMEOUT_MS = 30_000;

/** Keychain-backed stores; a failed call means the keychain is unreachable, never a plaintext fallback. */
export interface SecretStore<T> {
  save(jid: string, secret: T): Promise<Result<null, unknown>>;
  fetch(jid: string): Promise<Result<T | null, unknown>>;
  delete(jid: string): Promise<Result<unknown, unknown>>;
}

export interface AccountSessionDeps {
  log: Logger;
  userAgent: () => { id: string; software: string; device: string };
  tokens: SecretStore<FastToken>;
  passwords: SecretStore<string>;
  resolveServer: (domain: string) => Promise<ServerAddress[]>;
}

export interface SignInOptions {
  jid: string;
  password?: string | undefined;
  remember: boolean;
  server?: ServerAddress | undefined;
  allowInsecureLoopback: boolean;
  pinnedFingerprints: readonly string[];
  /** Settings say a password for this account is in the keychain (a server without FAST). */
  passwordInKeychain: boolean;
  /** The strongest protections this account's server showed before: less is refused as a downgrade. */
  protections: readonly Protection[];
}

interface Connection {
  client: XmppClient;
  account: JID;
  address: ServerAddress;
  /** What the sign-in asked for, without the password. */
  options: Omit<SignInOptions, "password">;
  /** Held only until the sign-in completes; a reconnect without FAST reads the keychain again. */
  password: string | undefined;
  /** Grows with what each authenticated connection showed; read by every later (re)connection. */
  protections: Protection[];
  /** The certificate of the current connection was CA-verified (not merely pinned). */
  caVerified: boolean;
  token: FastToken | undefined;
  credentials: CredentialStorage;
  /** Stored secrets, read from the keychain while the connection is being set up. */
  loaded: Promise<void>;
  /** A token save @xmpp/client started without waiting for it. */
  saving: Promise<void>;
  passwordKept: boolean;
}

export interface AccountSessionEvents {
  state: [AccountState];
  /** Online again after a disconnection: whatever was shown may be stale. */
  reconnected: [];
  /** An authenticated connection showed more protection than remembered: the account's new memory. */
  protections: [jid: string, protections: Protection[]];
}

/**
 * One account's connection: signs in (password once, then the FAST token), keeps the session up
 * with backoff, and carries IQ requests. Knows nothing of manage-clients. Its states are those of
 * the session machine (session-machine.ts): every change goes through it.
 */
export class AccountSession extends EventEmitter<AccountSessionEvents> {
  #state: AccountState = { status: "signed-out" };
  #connection: Connection | undefined;

  constructor(private readonly deps: AccountSessionDeps) {
    super();
  }

  get state(): AccountState {
    return this.#state;
  }

  /** The keychain holds this account's password (only for a server without FAST). */
  get passwordKept(): boolean {
    return this.#connection?.passwordKept ?? false;
  }

  /** The signed-in account's bare JID. */
  get account(): JID | undefined {
    return this.#connection?.account;
  }

  async signIn(options: SignInOptions): Promise<Result<AccountState, AccountError>> {
    let account: JID;
    try {
      account = jid(options.jid).bare();
    } catch (error) {
      return err({ kind: "invalid-jid", detail: error instanceof Error ? error.message : String(error) });
    }
    if (!account.local || !account.domain) return err({ kind: "invalid-jid", detail: "Use the form name@example.org." });

    await this.#close();
    this.#dispatch({ type: "sign-in-started", jid: account.toString() });
    const addresses = options.server ? [options.server] : await this.deps.resolveServer(account.domain);

    let failure: AccountError = { kind: "network", message: "No server address to try." };
    for (const address of addresses) {
      const outcome = await this.#connect(account, address, options);
      if (outcome.ok) return ok(this.#state);
      failure = outcome.error;
      if (failure.kind !== "network" && failure.kind !== "timeout") break;
    }
    this.#dispatch({ type: "sign-in-failed", error: failure });
    return this.#state.status === "password-needed" ? ok(this.#state) : err(failure);
  }

  async signOut(forgetCredentials: boolean): Promise<void> {
    const account = this.#connection?.account;
    await this.#close();
    if (forgetCredentials && account) await this.forget(account.toString());
    this.#dispatch({ type: "signed-out" });
  }

  /** While reconnecting: the next attempt now instead of after the backoff. False in any other state. */
  reconnectNow(): boolean {
    const connection = this.#connection;
    if (!connection || this.#state.status !== "reconnecting") return false;
    // The next drop sets the delay again from the attempt count (see #wire).
    connection.client.reconnect.delay = 0;
    connection.client.reconnect.scheduleReconnect();
    return true;
  }

  /** Removes every secret this device keeps for the account. */
  async forget(bareJid: string): Promise<void> {
    await Promise.all([this.deps.tokens.delete(bareJid), this.deps.passwords.delete(bareJid)]);
  }

  /**
   * Signs in again on a fresh connection with a new password (after a password change): the old
   * FAST token stopped working, and this one asks for a new one.
   */
  async renewWithPassword(password: string): Promise<Result<{ tokenRenewed: boolean }, AccountError>> {
    const previous = this.#connection;
    if (!previous) return err({ kind: "internal", message: "Not signed in." });
    await this.deps.tokens.delete(previous.account.toString());
    const result = await this.signIn({ ...previous.options, password, passwordInKeychain: previous.passwordKept, protections: previous.protections });
    if (!result.ok) return result;
    // Renewed means stored for the next launch (PasswordChanged.tokenRenewed), not merely held in
    // memory: with the keychain gone the save failed, and the UI must not promise to remember.
    const connection = this.#connection;
    return ok({ tokenRenewed: connection?.token !== undefined && connection.credentials === "keychain" });
  }

  /**
   * Proves `password` to the signed-in account's server on a second connection, under the same
   * certificate and downgrade rules as this session's own.
   */
  async checkPassword(password: string): Promise<Result<null, AccountError>> {
    const connection = this.#connection;
    if (!connection) return err({ kind: "internal", message: "Not signed in." });
    const { account, address, options, protections } = connection;
    return checkPassword({
      address,
      username: account.local,
      password,
      tls: { domain: account.domain, pinnedFingerprints: options.pinnedFingerprints, caVerifiedBefore: protections.includes("ca-verified-certificate") },
      protections,
      allowPlaintext: options.allowInsecureLoopback && isLoopbackHost(address.host),
    });
  }

  /** Only on an authenticated, online stream: nothing goes to a server that has not proved itself. */
  request(iq: Element, timeoutMs?: number): Promise<Result<XmlElement, RequestError>> {
    const connection = this.#connection;
    if (!connection || this.#state.status === "signed-out") return Promise.resolve(err({ kind: "not-signed-in" }));
    if (this.#state.status !== "online") return Promise.resolve(err({ kind: "disconnected" }));
    return connection.client.request(iq, timeoutMs);
  }

  async #connect(account: JID, address: ServerAddress, options: SignInOptions): Promise<Result<null, AccountError>> {
    this.deps.log("info", `connecting ${account.toString()} via ${address.host}:${address.port} (${address.tls})`);
    const userAgent = this.deps.userAgent();
    const { password, ...withoutPassword } = options;
    const protections = [...options.protections];
    const client = createXmppClient({
      address,
      allowPlaintext: options.allowInsecureLoopback && isLoopbackHost(address.host),
      tls: {
        domain: account.domain,
        pinnedFingerprints: options.pinnedFingerprints,
        // Read at every (re)connection: what an earlier connection of this session proved counts too.
        get caVerifiedBefore() {
          return protections.includes("ca-verified-certificate");
        },
        onTrusted: (caVerified) => {
          connection.caVerified = caVerified;
        },
      },
      sasl: createWardenSasl({
        username: account.local,
        password: () => connection.loaded.then(() => this.#passwordForSignIn(connection)),
        token: () => connection.loaded.then(() => connection.token),
        allowInsecure: options.allowInsecureLoopback && isLoopbackHost(address.host),
        remembered: protections,
        onAuthenticated: (seen) => {
          this.#remember(connection, [...seen, ...(connection.caVerified ? (["ca-verified-certificate"] as const) : [])]);
          client.policy.authenticated();
        },
        onMechanismChosen: ({ mechanism, channelBinding, fastMechanism }) =>
          this.deps.log("info", `signing in with ${fastMechanism ? `the FAST token (${fastMechanism}), else ` : ""}${mechanism}${channelBinding ? " (channel binding)" : ""}`),
        userAgent: xml("user-agent", { id: userAgent.id }, xml("software", {}, userAgent.software), xml("device", {}, userAgent.device)),
      }),
    });
    client.entity.jid = account;
    client.reconnect.stop();

    const connection: Connection = {
      client,
      account,
      address,
      options: withoutPassword,
      password,
      protections,
      caVerified: false,
      token: undefined,
      credentials: options.remember ? "keychain" : "none",
      loaded: Promise.resolve(),
      saving: Promise.resolve(),
      passwordKept: options.passwordInKeychain,
    };
    this.#connection = connection;
    // Read while TCP and TLS are set up; nothing needs the secrets before the server asks.
    connection.loaded = this.#loadStoredCredentials(connection);
    this.#wire(connection);

    try {
      await withTimeout(client.entity.start(), SIGN_IN_TIMEOUT_MS);
    } catch (error) {
      const accountError = toAccountError(error);
      if (onlyPasswordCanHelp(connection, error, accountError)) {
        const reason = error instanceof PasswordNeededError ? "no-stored-credentials" : "token-rejected";
        this.#dispatchFrom(connection, { type: "sign-in-needs-password", reason });
      }
      connection.password = undefined;
      await stopQuietly(client, isFatal(accountError));
      if (this.#connection === connection) this.#connection = undefined;
      return err(accountError);
    }
    await connection.saving;
    await this.#afterOnline(connection, Boolean(client.fast.mechanism));
    connection.password = undefined;
    // A drop while the secrets were being kept went unheard (the machine ignores connection events
    // while connecting): the entity's own status says whether it is still up.
    const connected = client.entity.status === "online";
    // Not taken when a sign-out or another sign-in came first: that one closed this connection.
    if (this.#dispatchFrom(connection, { type: "signed-in", credentials: connection.credentials, connected })) {
      client.reconnect.start();
      if (!connected) client.reconnect.scheduleReconnect();
    }
    return ok(null);
  }

  /** The password typed for this sign-in, else (a reconnect to a server without FAST) the keychain's. */
  async #passwordForSignIn(connection: Connection): Promise<string | undefined> {
    if (connection.password !== undefined || !connection.passwordKept) return connection.password;
    const stored = await this.deps.passwords.fetch(connection.account.toString());
    return stored.ok && stored.value ? stored.value : undefined;
  }

  /** Adds what an authenticated connection showed to the account's memory; never forgets by itself. */
  #remember(connection: Connection, seen: readonly Protection[]): void {
    const added = seen.filter((protection) => !connection.protections.includes(protection));
    if (added.length === 0) return;
    connection.protections.push(...added);
    connection.protections.sort((a, b) => PROTECTIONS.indexOf(a) - PROTECTIONS.indexOf(b));
    this.emit("protections", connection.account.toString(), [...connection.protections]);
  }

  async #loadStoredCredentials(connection: Connection): Promise<void> {
    const bare = connection.account.toString();
    if (connection.password) return;
    const token = await this.deps.tokens.fetch(bare);
    if (token.ok && token.value) connection.token = token.value;
  }

  /** Decides what to keep once signed in: the token (given by FAST), or the password only if the server has no FAST. */
  async #afterOnline(connection: Connection, serverOffersFast: boolean): Promise<void> {
    const bare = connection.account.toString();
    if (!serverOffersFast && connection.options.remember) {
      // Signed in with the keychain's own password: it is already kept.
      if (connection.password === undefined) return;
      const saved = await this.deps.passwords.save(bare, connection.password);
      connection.passwordKept = saved.ok;
      if (!saved.ok) connection.credentials = "unavailable";
    } else if (connection.passwordKept) {
      await this.deps.passwords.delete(bare);
      connection.passwordKept = false;
    }
  }

  #wire(connection: Connection): void {
    const { client, account } = connection;
    const bare = account.toString();

    client.fast.saveToken = (token) => {
      connection.token = token;
      if (!connection.options.remember) return Promise.resolve();
      connection.saving = this.deps.tokens.save(bare, token).then((saved) => {
        connection.credentials = saved.ok ? "keychain" : "unavailable";
      });
      return connection.saving;
    };
    client.fast.deleteToken = async () => {
      // Called before asking for a new token even when there was none: only a real one costs a keychain call.
      if (connection.token === undefined) return;
      connection.token = undefined;
      await this.deps.tokens.delete(bare);
    };

    // While connecting, the machine ignores these: the sign-in reports its own outcome.
    client.entity.on("error", (error: unknown) => {
      const accountError = toAccountError(error);
      if (onlyPasswordCanHelp(connection, error, accountError)) {
        if (this.#dispatchFrom(connection, { type: "token-rejected" })) client.reconnect.stop();
      } else if (isFatal(accountError) && this.#dispatchFrom(connection, { type: "fatal-error", error: accountError })) {
        client.reconnect.stop();
        void stopQuietly(client, true);
      }
    });
    client.entity.on("disconnect", () => {
      if (this.#dispatchFrom(connection, { type: "disconnected" }) && this.#state.status === "reconnecting") client.reconnect.delay = reconnectDelay(this.#state.attempt);
    });
    const backOnline = () => {
      if (this.#dispatchFrom(connection, { type: "reconnected", credentials: connection.credentials })) this.emit("reconnected");
    };
    client.entity.on("online", backOnline);
    client.streamManagement.on("resumed", backOnline);
  }

  async #close(): Promise<void> {
    const connection = this.#connection;
    if (!connection) return;
    // From here on its events are not this session's: see #dispatchFrom.
    this.#connection = undefined;
    connection.client.reconnect.stop();
    await stopQuietly(connection.client);
  }

  /** Only the current connection speaks for the session; a closed or replaced one is not heard. */
  #dispatchFrom(connection: Connection, event: SessionEvent): boolean {
    return this.#connection === connection && this.#dispatch(event);
  }

  /** Whether the machine took the event (a new state, announced); false when its table ignores it. */
  #dispatch(event: SessionEvent): boolean {
    const state = nextState(this.#state, event);
    if (state === this.#state) return false;
    this.#state = state;
    this.deps.log(state.status === "error" ? "warn" : "info", `state ${state.status}${state.status === "error" ? ` (${state.error.kind})` : ""}`);
    this.emit("state", state);
    return true;
  }
}

/** The server refused, and this connection has neither a typed password nor a token left to try. */
function onlyPasswordCanHelp(connection: Connection, error: unknown, accountError: AccountError): boolean {
  return (error instanceof PasswordNeededError || accountError.kind === "auth-failed") && connection.password === undefined && connection.token === undefined;
}

/** `refused`: a server Warden will not talk to gets no wait for its closing tag; the socket is dropped. */
async function stopQuietly(client: XmppClient, refused = false): Promise<void> {
  if (refused) dropSocket(client.entity);
  try {
    await client.entity.stop();
  } catch {
    // Already closed, or the server is gone: nothing left to stop.
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SignInTimeoutError()), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
