import { EventEmitter } from "node:events";
import { hostname } from "node:os";
import type { AccountState, CertificateProblem, Protection } from "../shared/account-state.js";
import type { AccountSecurityResult, ClientManagerApi, ClientManagerEvents, DoneResult, SignInResult } from "../shared/api.js";
import { invalidRequest } from "../shared/errors.js";
import type { ChangePasswordResult, ListClientsResult, RevokeResult } from "../shared/outcomes.js";
import {
  accountRequestSchema,
  changePasswordRequestSchema,
  removePinnedCertificateRequestSchema,
  revokeRequestSchema,
  setDeviceNameRequestSchema,
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
import { ensureClientId, getAccount, normalizeFingerprint, pinFingerprint, upsertAccount, type SettingsStore } from "./settings/index.js";
import { resolveServer } from "./xmpp/resolve-server.js";

export const APP_NAME = "Warden";

export interface ClientManagerDeps {
  settings: SettingsStore;
  keychain: Keychain;
  log?: Logger;
}

export interface ClientManager extends ClientManagerApi {
  /** Signs out without forgetting anything, for app shutdown. */
  dispose(): Promise<void>;
}

/** Composes session, manage-clients and password change into the API both UIs use. */
export function createClientManager({ settings, keychain, log = stderrLogger }: ClientManagerDeps): ClientManager {
  const clientId = ensureClientId(settings);
  const events = new EventEmitter<{ [E in keyof ClientManagerEvents]: [ClientManagerEvents[E]] }>();
  const session = new AccountSession({
    log,
    userAgent: () => ({ id: clientId, software: APP_NAME, device: settings.read().deviceName ?? hostname() }),
    tokens: createFastTokenStore(keychain),
    passwords: createPasswordStore(keychain),
    resolveServer,
  });
  /** A signed-out state names the account to offer (and whether to resume it by itself). */
  const withLastAccount = (state: AccountState): AccountState => {
    if (state.status !== "signed-out") return state;
    const { activeAccount } = settings.read();
    const account = activeAccount ? getAccount(settings, activeAccount) : undefined;
    return account ? { status: "signed-out", lastAccount: { jid: account.jid, resume: account.remember } } : { status: "signed-out" };
  };
  session.on("state", (state) => events.emit("state-changed", withLastAccount(state)));
  const resumable = withLastAccount(session.state);
  if (resumable.status === "signed-out" && resumable.lastAccount?.resume) session.prefetch(resumable.lastAccount.jid);
  session.on("reconnected", () => void list());
  /** Protections learnt during signIn() go out with that sign-in's own settings: one write, not two. */
  const learning: { during: boolean; protections?: Protection[] } = { during: false };
  session.on("protections", (jid, protections) => {
    if (learning.during) learning.protections = protections;
    else upsertAccount(settings, jid, { protections });
  });
  /**
   * The certificate each account's server presented at its last failed sign-in, as this process
   * saw it: the only one the user can decide to trust.
   */
  const presentedCertificates = new Map<string, CertificateProblem>();
  const noAccount = (jid: string) => err({ kind: "invalid-request" as const, detail: `jid: not a bare JID (${jid})` });

  const isCurrent = (id: string) => id === `client/${clientId}` || id === clientId;
  const context: ManageClientsContext = {
    request: (iq, timeoutMs) => session.request(iq, timeoutMs),
    isCurrent,
    rememberedProtocol: () => (session.account ? getAccount(settings, session.account.toString())?.protocol : undefined),
    rememberProtocol: (protocol) => {
      if (session.account) upsertAccount(settings, session.account.toString(), { protocol });
    },
  };

  const online = () => session.state.status === "online";
  /** Why a request cannot go out now: a reconnect in progress is not the same as being signed out. */
  const offline = () => err(session.state.status === "reconnecting" ? { kind: "disconnected" as const } : { kind: "not-signed-in" as const });

  async function list(): Promise<ListClientsResult> {
    if (!online()) return offline();
    const result = await listClients(context);
    if (result.ok) events.emit("clients-changed", result.value);
    return result;
  }

  return {
    async signIn(raw): Promise<SignInResult> {
      const parsed = signInRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      const request = parsed.data;
      const stored = getAccount(settings, request.jid);
      const server = request.server ?? stored?.server;
      learning.during = true;
      delete learning.protections;
      const result = await session.signIn({
        jid: request.jid,
        password: request.password,
        remember: request.remember,
        server,
        allowInsecureLoopback: request.allowInsecureLoopback,
        pinnedFingerprints: stored?.pinnedFingerprints ?? [],
        passwordInKeychain: stored?.passwordInKeychain ?? false,
        protections: stored?.protections ?? [],
      }).finally(() => {
        learning.during = false;
      });
      const learnt = learning.protections ? { protections: learning.protections } : {};
      const bare = normalizeBareJid(request.jid);
      if (bare !== null) {
        if (!result.ok && result.error.kind === "certificate") presentedCertificates.set(bare, result.error);
        else presentedCertificates.delete(bare);
      }
      const account = session.account?.toString();
      if (result.ok && account) {
        upsertAccount(
          settings,
          account,
          { server, allowInsecureLoopback: request.allowInsecureLoopback, remember: request.remember, passwordInKeychain: session.passwordKept, ...learnt },
          { activate: true },
        );
      }
      return result;
    },

    async signOut(raw = {}): Promise<DoneResult> {
      const parsed = signOutRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      const account = session.account?.toString();
      // Signed out on purpose: the next launch offers the account but does not sign in by itself.
      if (account) upsertAccount(settings, account, parsed.data.forgetCredentials ? { remember: false, passwordInKeychain: false } : { remember: false });
      await session.signOut(parsed.data.forgetCredentials);
      return ok(null);
    },

    async getState(): Promise<AccountState> {
      return withLastAccount(session.state);
    },

    listClients: list,

    async revokeClient(raw): Promise<RevokeResult> {
      const parsed = revokeRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      const { id, confirmSignOut } = parsed.data;
      if (!online()) return offline();
      if (isCurrent(id)) {
        if (!confirmSignOut) return err({ kind: "confirmation-required" });
        const account = session.account?.toString();
        if (account) upsertAccount(settings, account, { remember: false, passwordInKeychain: false });
        return revokeOwnEntry(context, session, id);
      }
      const result = await revokeClient(context, id);
      log("info", `revoke: ${result.ok ? result.value.outcome : result.error.kind}`);
      void list();
      return result;
    },

    async changePassword(raw): Promise<ChangePasswordResult> {
      const parsed = changePasswordRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      if (!online()) return offline();
      return changePassword({ context, session, list }, parsed.data);
    },

    async trustCertificate(raw): Promise<DoneResult> {
      const parsed = trustCertificateRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      const bare = normalizeBareJid(parsed.data.jid);
      if (bare === null) return noAccount(parsed.data.jid);
      const presented = presentedCertificates.get(bare);
      if (!presented?.fingerprint256) {
        return err({ kind: "invalid-request", detail: "There is no certificate to trust: sign in first, then decide about the certificate it shows." });
      }
      if (presented.caVerifiedBefore) {
        return err({ kind: "invalid-request", detail: "This server's certificate was verified by a trusted authority before; Warden does not trust a replacement that is not." });
      }
      presentedCertificates.delete(bare);
      pinFingerprint(settings, bare, presented.fingerprint256);
      return ok(null);
    },

    async getAccountSecurity(raw): Promise<AccountSecurityResult> {
      const parsed = accountRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      const bare = normalizeBareJid(parsed.data.jid);
      if (bare === null) return noAccount(parsed.data.jid);
      const account = getAccount(settings, bare);
      return ok({ jid: bare, protections: account?.protections ?? [], pinnedFingerprints: account?.pinnedFingerprints ?? [] });
    },

    async removePinnedCertificate(raw): Promise<DoneResult> {
      const parsed = removePinnedCertificateRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      const bare = normalizeBareJid(parsed.data.jid);
      if (bare === null) return noAccount(parsed.data.jid);
      const account = getAccount(settings, bare);
      const fingerprint = normalizeFingerprint(parsed.data.fingerprint256);
      if (account) upsertAccount(settings, bare, { pinnedFingerprints: account.pinnedFingerprints.filter((pin) => pin !== fingerprint) });
      return ok(null);
    },

    async forgetServer(raw): Promise<DoneResult> {
      const parsed = accountRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      const bare = normalizeBareJid(parsed.data.jid);
      if (bare === null) return noAccount(parsed.data.jid);
      presentedCertificates.delete(bare);
      if (getAccount(settings, bare)) {
        upsertAccount(settings, bare, { protections: [], pinnedFingerprints: [], remember: false, passwordInKeychain: false });
      }
      // Only the password proves who the user talks to now: no token or kept password may sign in.
      if (session.account?.toString() === bare) await session.signOut(true);
      else await session.forget(bare);
      return ok(null);
    },

    async setDeviceName(raw): Promise<DoneResult> {
      const parsed = setDeviceNameRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      settings.update((s) => ({ ...s, deviceName: parsed.data.deviceName }));
      return ok(null);
    },

    on(event, listener) {
      const wrapped = listener as (payload: ClientManagerEvents[typeof event]) => void;
      events.on(event, wrapped as never);
      return () => void events.off(event, wrapped as never);
    },

    async dispose() {
      await session.signOut(false);
      events.removeAllListeners();
    },
  };
}

