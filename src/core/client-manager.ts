import { EventEmitter } from "node:events";
import { hostname } from "node:os";
import type { AccountState, CertificateProblem, Protection } from "../shared/account-state.js";
import type { AccountSecurityResult, AccountView, ClientManagerApi, ClientManagerEvents, DoneResult, SignInResult, StateResult } from "../shared/api.js";
import type { ClientList } from "../shared/client-info.js";
import type { ListError } from "../shared/errors.js";
import { invalidRequest } from "../shared/errors.js";
import type { ChangePasswordResult, ListClientsResult, RevokeResult } from "../shared/outcomes.js";
import {
  accountRequestSchema,
  changePasswordRequestSchema,
  removePinnedCertificateRequestSchema,
  revokeRequestSchema,
  setDeviceNameRequestSchema,
  setLanguageRequestSchema,
  signInRequestSchema,
  signOutRequestSchema,
  trustCertificateRequestSchema,
} from "../shared/requests.js";
import { err, ok } from "../shared/result.js";
import { createFastTokenStore, createPasswordStore, type Keychain } from "./credentials/index.js";
import { normalizeBareJid } from "./credentials/bare-jid.js";
import type { ManageClientsContext } from "./manage-clients/context.js";
import { listClients } from "./manage-clients/list-clients.js";
import { revokeClient } from "./manage-clients/revoke-client.js";
import { revokeOwnEntry } from "./manage-clients/revoke-own-entry.js";
import { changePassword } from "./password/change-password.js";
import { stderrLogger, type Logger } from "./log.js";
import { AccountSession } from "./session/account-session.js";
import {
  ensureClientId,
  getAccount,
  normalizeFingerprint,
  pinFingerprint,
  removeAccount as removeAccountSettings,
  upsertAccount,
  type SettingsStore,
} from "./settings/index.js";
import { resolveServer } from "./xmpp/resolve-server.js";

export const APP_NAME = "Warden";

export interface ClientManagerDeps {
  settings: SettingsStore;
  keychain: Keychain;
  log?: Logger;
  /** The software name servers list this install under (the command line says so). */
  software?: string;
}

export interface ClientManager extends ClientManagerApi {
  /**
   * Signs in, with what this device stored, every account the user asked to be remembered and did
   * not sign out: the one place that decides what a launch resumes. Each account on its own; one
   * failing never holds up another. Resolves when every attempt has settled.
   */
  resumeRemembered(): Promise<void>;
  /** Signs every account out without forgetting anything, for shutdown. */
  dispose(): Promise<void>;
}

/** One account's live parts: its connection, what it last listed, what it is learning. */
interface AccountRuntime {
  jid: string;
  session: AccountSession;
  context: ManageClientsContext;
  lastList?: ClientList;
  /** Why the core's last try to list failed; cleared by the next list. */
  lastListError?: ListError;
  /** Protections learnt during a signIn() go out with that sign-in's own settings write. */
  learning: { during: boolean; protections?: Protection[] };
}

type Emitter = EventEmitter<{ [E in keyof ClientManagerEvents]: [ClientManagerEvents[E]] }>;

/** Composes one session per account, manage-clients and password change into the API every host uses. */
export function createClientManager({ settings, keychain, log = stderrLogger, software = APP_NAME }: ClientManagerDeps): ClientManager {
  const clientId = ensureClientId(settings);
  const events: Emitter = new EventEmitter();
  const tokens = createFastTokenStore(keychain);
  const passwords = createPasswordStore(keychain);
  const runtimes = new Map<string, AccountRuntime>();
  /**
   * The certificate each account's server presented at its last failed sign-in, as this process
   * saw it: the only one the user can decide to trust.
   */
  const presentedCertificates = new Map<string, CertificateProblem>();
  const isCurrent = (id: string) => id === `client/${clientId}` || id === clientId;
  const notSignedIn = () => err({ kind: "not-signed-in" as const });
  const notAJid = (jid: string) => err({ kind: "invalid-request" as const, detail: `jid: not a bare JID (${jid.slice(0, 64)})` });

  function runtimeFor(jid: string): AccountRuntime {
    const existing = runtimes.get(jid);
    if (existing) return existing;
    const session = new AccountSession({
      log: (level, message) => log(level, `${jid}: ${message}`),
      userAgent: () => ({ id: clientId, software, device: settings.read().deviceName ?? hostname() }),
      tokens,
      passwords,
      resolveServer,
    });
    const runtime: AccountRuntime = {
      jid,
      session,
      learning: { during: false },
      context: {
        request: (iq, timeoutMs) => session.request(iq, timeoutMs),
        isCurrent,
        rememberedProtocol: () => getAccount(settings, jid)?.protocol,
        rememberProtocol: (protocol) => void upsertAccount(settings, jid, { protocol }),
      },
    };
    session.on("state", (state) => {
      if (runtimes.get(jid) !== runtime) return;
      // The stored sign-in was refused: continuing needs the password now.
      if (state.status === "password-needed" && getAccount(settings, jid)?.storedSignIn) upsertAccount(settings, jid, { storedSignIn: false });
      events.emit("state-changed", { jid, state: withStoredSignIn(jid, state) });
    });
    session.on("reconnected", () => void refreshList(runtime));
    session.on("protections", (_account, protections) => {
      if (runtime.learning.during) runtime.learning.protections = protections;
      else upsertAccount(settings, jid, { protections });
    });
    runtimes.set(jid, runtime);
    return runtime;
  }

  /** The account's runtime when it is connected enough to ask the server something. */
  function online(jid: string): AccountRuntime | undefined {
    const runtime = runtimes.get(jid);
    return runtime?.session.state.status === "online" ? runtime : undefined;
  }
  /** Why a request cannot go out now: a reconnect in progress is not the same as being signed out. */
  function offline(jid: string) {
    return runtimes.get(jid)?.session.state.status === "reconnecting" ? err({ kind: "disconnected" as const }) : notSignedIn();
  }

  async function fetchList(runtime: AccountRuntime): Promise<ListClientsResult> {
    const result = await listClients(runtime.context);
    if (result.ok) {
      runtime.lastList = result.value;
      delete runtime.lastListError;
    } else {
      runtime.lastListError = result.error;
    }
    return result;
  }

  /** A list the core fetches by itself crosses to the UI once, as an event: the list, or why not. */
  async function refreshList(runtime: AccountRuntime): Promise<ListClientsResult> {
    if (runtime.session.state.status !== "online") return offline(runtime.jid);
    const result = await fetchList(runtime);
    if (runtimes.get(runtime.jid) === runtime) {
      events.emit("clients-changed", result.ok ? { jid: runtime.jid, list: result.value } : { jid: runtime.jid, error: result.error });
    }
    return result;
  }

  /** A signed-out state says whether this device can continue without the password. */
  function withStoredSignIn(jid: string, state: AccountState): AccountState {
    return state.status === "signed-out" && getAccount(settings, jid)?.storedSignIn ? { status: "signed-out", storedSignIn: true } : state;
  }

  function view(jid: string): AccountView {
    const runtime = runtimes.get(jid);
    const state = withStoredSignIn(jid, runtime?.session.state ?? { status: "signed-out" });
    return {
      jid,
      state,
      ...(runtime?.lastList ? { clients: runtime.lastList } : {}),
      ...(runtime?.lastListError ? { listError: runtime.lastListError } : {}),
    };
  }

  /** Drops an account's live parts (signed out), or only its secrets when it has none. */
  async function dropRuntime(jid: string, forgetSecrets: boolean): Promise<void> {
    const runtime = runtimes.get(jid);
    runtimes.delete(jid);
    if (runtime) {
      await runtime.session.signOut(forgetSecrets);
      runtime.session.removeAllListeners();
    } else if (forgetSecrets) {
      await Promise.all([tokens.delete(jid), passwords.delete(jid)]);
    }
  }

  async function signIn(raw: unknown): Promise<SignInResult> {
    const parsed = signInRequestSchema.safeParse(raw);
    if (!parsed.success) return err(invalidRequest(parsed.error));
    const request = parsed.data;
    const jid = normalizeBareJid(request.jid);
    if (jid === null) return err({ kind: "invalid-jid", detail: "Use the form name@example.org." });
    const stored = getAccount(settings, jid);
    const server = request.server ?? stored?.server;
    const runtime = runtimeFor(jid);
    runtime.learning = { during: true };
    const result = await runtime.session
      .signIn({
        jid,
        password: request.password,
        remember: request.remember,
        server,
        allowInsecureLoopback: request.allowInsecureLoopback,
        pinnedFingerprints: stored?.pinnedFingerprints ?? [],
        passwordInKeychain: stored?.passwordInKeychain ?? false,
        protections: stored?.protections ?? [],
      })
      .finally(() => {
        runtime.learning.during = false;
      });
    const learnt = runtime.learning.protections ? { protections: runtime.learning.protections } : {};
    // Removed meanwhile (removeAccount during the sign-in): nothing of it is kept.
    if (runtimes.get(jid) !== runtime) return result;
    if (!result.ok && result.error.kind === "certificate") presentedCertificates.set(jid, result.error);
    else presentedCertificates.delete(jid);
    if (result.ok && runtime.session.account) {
      upsertAccount(settings, jid, {
        server,
        allowInsecureLoopback: request.allowInsecureLoopback,
        remember: request.remember,
        passwordInKeychain: runtime.session.passwordKept,
        storedSignIn: result.value.status === "online" && result.value.credentials === "keychain",
        ...learnt,
      });
      if (result.value.status === "online") void refreshList(runtime);
    } else if (!result.ok && !stored) {
      // A first sign-in that failed adds nothing to this device.
      runtimes.delete(jid);
      runtime.session.removeAllListeners();
      events.emit("account-removed", { jid });
    }
    return result;
  }

  /** Runs `fn` with the bare JID a request names, or answers why it can't. */
  function withJid<T>(jid: string, fn: (bare: string) => Promise<T>): Promise<T | ReturnType<typeof notAJid>> {
    const bare = normalizeBareJid(jid);
    return bare === null ? Promise.resolve(notAJid(jid)) : fn(bare);
  }

  return {
    async getState(): Promise<StateResult> {
      const jids = settings.read().accounts.map((account) => account.jid);
      for (const jid of runtimes.keys()) if (!jids.includes(jid)) jids.push(jid);
      const { language } = settings.read();
      return ok({ accounts: jids.map(view), ...(language ? { language } : {}) });
    },

    signIn,

    async signOut(raw): Promise<DoneResult> {
      const parsed = signOutRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      const { forgetCredentials } = parsed.data;
      return withJid(parsed.data.jid, async (jid) => {
        if (!getAccount(settings, jid) && !runtimes.has(jid)) return notSignedIn();
        // Signed out on purpose: the next launch shows the account but does not sign in by itself.
        upsertAccount(settings, jid, forgetCredentials ? { remember: false, passwordInKeychain: false, storedSignIn: false } : { remember: false });
        const runtime = runtimes.get(jid);
        if (runtime) await runtime.session.signOut(forgetCredentials);
        else if (forgetCredentials) await Promise.all([tokens.delete(jid), passwords.delete(jid)]);
        return ok(null);
      });
    },

    async reconnectNow(raw): Promise<DoneResult> {
      const parsed = accountRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      return withJid(parsed.data.jid, async (jid) =>
        runtimes.get(jid)?.session.reconnectNow() ? ok(null) : err({ kind: "invalid-request" as const, detail: `${jid} is not reconnecting.` }),
      );
    },

    async removeAccount(raw): Promise<DoneResult> {
      const parsed = accountRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      return withJid(parsed.data.jid, async (jid) => {
        if (!getAccount(settings, jid) && !runtimes.has(jid)) return notSignedIn();
        await dropRuntime(jid, true);
        presentedCertificates.delete(jid);
        removeAccountSettings(settings, jid);
        events.emit("account-removed", { jid });
        return ok(null);
      });
    },

    async listClients(raw): Promise<ListClientsResult> {
      const parsed = accountRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      return withJid(parsed.data.jid, async (jid) => {
        const runtime = online(jid);
        return runtime ? fetchList(runtime) : offline(jid);
      });
    },

    async revokeClient(raw): Promise<RevokeResult> {
      const parsed = revokeRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      const { id, confirmSignOut } = parsed.data;
      return withJid(parsed.data.jid, async (jid): Promise<RevokeResult> => {
        const runtime = online(jid);
        if (!runtime) return offline(jid);
        if (isCurrent(id)) {
          if (!confirmSignOut) return err({ kind: "confirmation-required" });
          upsertAccount(settings, jid, { remember: false, passwordInKeychain: false, storedSignIn: false });
          return revokeOwnEntry(runtime.context, runtime.session, id);
        }
        const result = await revokeClient(runtime.context, id);
        log("info", `${jid}: revoke: ${result.ok ? result.value.outcome : result.error.kind}`);
        void refreshList(runtime);
        return result;
      });
    },

    async changePassword(raw): Promise<ChangePasswordResult> {
      const parsed = changePasswordRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      return withJid(parsed.data.jid, async (jid) => {
        const runtime = online(jid);
        if (!runtime) return offline(jid);
        return changePassword({ context: runtime.context, session: runtime.session, list: () => refreshList(runtime) }, parsed.data);
      });
    },

    async trustCertificate(raw): Promise<DoneResult> {
      const parsed = trustCertificateRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      return withJid(parsed.data.jid, async (jid) => {
        const presented = presentedCertificates.get(jid);
        if (!presented?.fingerprint256) {
          return err({ kind: "invalid-request", detail: "There is no certificate to trust: sign in first, then decide about the certificate it shows." });
        }
        if (presented.caVerifiedBefore) {
          return err({ kind: "invalid-request", detail: "This server's certificate was verified by a trusted authority before; Warden does not trust a replacement that is not." });
        }
        presentedCertificates.delete(jid);
        pinFingerprint(settings, jid, presented.fingerprint256);
        return ok(null);
      });
    },

    async getAccountSecurity(raw): Promise<AccountSecurityResult> {
      const parsed = accountRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      return withJid(parsed.data.jid, async (jid) => {
        const account = getAccount(settings, jid);
        return ok({ jid, protections: account?.protections ?? [], pinnedFingerprints: account?.pinnedFingerprints ?? [] });
      });
    },

    async removePinnedCertificate(raw): Promise<DoneResult> {
      const parsed = removePinnedCertificateRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      return withJid(parsed.data.jid, async (jid) => {
        const account = getAccount(settings, jid);
        const fingerprint = normalizeFingerprint(parsed.data.fingerprint256);
        if (account) upsertAccount(settings, jid, { pinnedFingerprints: account.pinnedFingerprints.filter((pin) => pin !== fingerprint) });
        return ok(null);
      });
    },

    async forgetServer(raw): Promise<DoneResult> {
      const parsed = accountRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      return withJid(parsed.data.jid, async (jid) => {
        presentedCertificates.delete(jid);
        if (getAccount(settings, jid)) {
          upsertAccount(settings, jid, { protections: [], pinnedFingerprints: [], remember: false, passwordInKeychain: false, storedSignIn: false });
        }
        // Only the password proves who the user talks to now: no token or kept password may sign in.
        const runtime = runtimes.get(jid);
        if (runtime) await runtime.session.signOut(true);
        else await Promise.all([tokens.delete(jid), passwords.delete(jid)]);
        return ok(null);
      });
    },

    async setDeviceName(raw): Promise<DoneResult> {
      const parsed = setDeviceNameRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      settings.update((s) => ({ ...s, deviceName: parsed.data.deviceName }));
      return ok(null);
    },

    async setLanguage(raw): Promise<DoneResult> {
      const parsed = setLanguageRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      const { language } = parsed.data;
      settings.update(({ language: _previous, ...rest }) => (language === null ? rest : { ...rest, language }));
      return ok(null);
    },

    on(event, listener) {
      const wrapped = listener as (payload: ClientManagerEvents[typeof event]) => void;
      events.on(event, wrapped as never);
      return () => void events.off(event, wrapped as never);
    },

    async resumeRemembered() {
      const remembered = settings.read().accounts.filter((account) => account.remember && !runtimes.has(account.jid));
      await Promise.all(remembered.map((account) => signIn({ jid: account.jid, remember: true })));
    },

    async dispose() {
      await Promise.all([...runtimes.values()].map((runtime) => runtime.session.signOut(false)));
      events.removeAllListeners();
    },
  };
}
