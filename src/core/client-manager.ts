import { EventEmitter } from "node:events";
import { hostname } from "node:os";
import type { AccountState, CertificateProblem, Protection } from "../shared/account-state.js";
import type { ActivityEntry, RevokedBy } from "../shared/activity.js";
import type {
  AccountSecurityResult,
  AccountView,
  ActivityResult,
  ClientManagerApi,
  ClientManagerEvents,
  DoneResult,
  OnlyThisDeviceResult,
  SignInResult,
  StateResult,
} from "../shared/api.js";
import type { AccountOptions, Preferences } from "../shared/preferences.js";
import type { OnlyThisDeviceProgress } from "../shared/only-this-device.js";
import type { ClientList } from "../shared/client-info.js";
import { seenClientOf, type SeenClient } from "../shared/seen-client.js";
import type { ListError } from "../shared/errors.js";
import { invalidRequest } from "../shared/errors.js";
import type { ChangePasswordResult, ListClientsResult, RevokeResult } from "../shared/outcomes.js";
import {
  accountRequestSchema,
  changePasswordRequestSchema,
  removePinnedCertificateRequestSchema,
  revokeRequestSchema,
  setCleanupRuleRequestSchema,
  setDeviceNameRequestSchema,
  setLanguageRequestSchema,
  setNicknameRequestSchema,
  setNicknameSyncRequestSchema,
  setPreferencesRequestSchema,
  setWindowVisibleRequestSchema,
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
import { passwordChangedEntry } from "./password/password-changed-entry.js";
import { continueFlow, isUnfinished, startFlow, type OnlyThisDeviceDeps } from "./only-this-device/only-this-device-flow.js";
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
import type { RecordsStore } from "./records/account-records.js";
import { AccountWatch, clearUnseenAlerts, stampEntry, type NewActivityEntry } from "./watch/account-watch.js";
import { CleanupRule } from "./watch/cleanup-run.js";
import { WatchSchedule } from "./watch/watch-schedule.js";
import { createNicknameSync } from "./nicknames/nickname-sync.js";
import type { UpdatesPort } from "./updates/updates-port.js";

export const APP_NAME = "Warden";

export interface ClientManagerDeps {
  settings: SettingsStore;
  keychain: Keychain;
  log?: Logger;
  /** The software name servers list this install under (the command line says so). */
  software?: string;
  /** Where each account's Activity and the watch's last snapshot are kept. */
  records: RecordsStore;
  /** The host can keep watching with its window closed (the desktop app): background preferences apply. */
  background?: boolean;
  /** The host updates itself (the desktop app): its update state and the auto-update preference apply. */
  updates?: UpdatesPort;
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
  /** A desktop notification about entry `id` was clicked: every window shows it (event "reveal-client"). */
  revealClient(jid: string, id: string): void;
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
  /** Compares every list with the last one; keeps the unseen alerts. */
  watch: AccountWatch;
  /** When the watch lists by itself. */
  schedule: WatchSchedule;
  cleanup: CleanupRule;
}

type Emitter = EventEmitter<{ [E in keyof ClientManagerEvents]: [ClientManagerEvents[E]] }>;

/** Composes one session per account, manage-clients and password change into the API every host uses. */
export function createClientManager({ settings, keychain, records, background = false, updates, log = stderrLogger, software = APP_NAME }: ClientManagerDeps): ClientManager {
  const clientId = ensureClientId(settings);
  const events: Emitter = new EventEmitter();
  const tokens = createFastTokenStore(keychain);
  const passwords = createPasswordStore(keychain);
  const runtimes = new Map<string, AccountRuntime>();
  const nicknameSync = createNicknameSync({ settings, requester: (jid) => online(jid)?.context.request, changed: (jid) => emitOptions(jid), log });
  /**
   * The certificate each account's server presented at its last failed sign-in, as this process
   * saw it: the only one the user can decide to trust.
   */
  const presentedCertificates = new Map<string, CertificateProblem>();
  const isCurrent = (id: string) => id === `client/${clientId}` || id === clientId;
  /** Install-wide: whether a window of Warden is visible sets how often every account is listed. */
  let windowVisible = true;
  updates?.setEnabled(settings.read().autoUpdate);
  const stopUpdateEvents = updates?.on((state) => events.emit("update-changed", { updates: state }));
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
      watch: new AccountWatch({
        records: records.forAccount(jid),
        record: (entry) => keepActivity(jid, entry),
        alertsChanged: (alerts) => events.emit("alerts-changed", { jid, alerts }),
        log: (level, message) => log(level, `${jid}: ${message}`),
      }),
      schedule: new WatchSchedule({ visible: windowVisible, tick: () => watchTick(runtime) }),
      cleanup: new CleanupRule({
        revoke: (client) => revokeAndRecord(runtime, client.id, "cleanup"),
        record: (entry) => recordActivity(jid, entry),
        now: () => Date.now(),
      }),
      context: {
        request: (iq, timeoutMs) => session.request(iq, timeoutMs),
        isCurrent,
        rememberedProtocol: () => getAccount(settings, jid)?.protocol,
        rememberProtocol: (protocol) => void upsertAccount(settings, jid, { protocol }),
      },
    };
    session.on("state", (state) => {
      if (state.status === "signed-out" || state.status === "password-needed" || state.status === "error") runtime.schedule.stop();
      if (runtimes.get(jid) !== runtime) return;
      // The stored sign-in was refused: continuing needs the password now.
      if (state.status === "password-needed" && getAccount(settings, jid)?.storedSignIn) upsertAccount(settings, jid, { storedSignIn: false });
      events.emit("state-changed", { jid, state: withStoredSignIn(jid, state) });
      if (state.status === "online") void nicknameSync.online(jid);
    });
    // Back online: the list may have changed meanwhile. This is the watch's next tick.
    session.on("reconnected", () => void runtime.schedule.start());
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

  /** Every list the core gets goes through here: the watch compares it with the one before. */
  async function fetchList(runtime: AccountRuntime): Promise<ListClientsResult> {
    const result = await listClients(runtime.context);
    if (result.ok) {
      runtime.lastList = result.value;
      delete runtime.lastListError;
      if (runtimes.get(runtime.jid) === runtime) await runtime.watch.observe(result.value);
    } else {
      runtime.lastListError = result.error;
    }
    return result;
  }

  /** One watch tick: a fresh list (when online), then the account's cleanup rule on it. */
  async function watchTick(runtime: AccountRuntime): Promise<void> {
    if (runtime.session.state.status !== "online") return;
    const listed = await refreshList(runtime);
    const days = getAccount(settings, runtime.jid)?.cleanupAfterDays;
    if (!listed.ok || days == null || runtimes.get(runtime.jid) !== runtime) return;
    // What the rule revoked shows in the list at once.
    if (await runtime.cleanup.run(listed.value, days)) await refreshList(runtime);
  }

  /** Stamps an Activity entry (id, time), keeps it and announces it; see keepActivity. */
  function recordActivity(jid: string, entry: NewActivityEntry): Promise<void> {
    return keepActivity(jid, stampEntry(entry));
  }

  /**
   * Keeps an Activity entry in the account's records and announces it. Never rejects: a failed
   * write is logged. Nothing is kept for an account this device no longer knows.
   */
  async function keepActivity(jid: string, entry: ActivityEntry): Promise<void> {
    if (!getAccount(settings, jid) && !runtimes.has(jid)) return;
    await records
      .forAccount(jid)
      .appendActivity(entry)
      .catch((error: unknown) => log("warn", `${jid}: could not keep an Activity entry (${error instanceof Error ? error.message : String(error)})`));
    events.emit("activity-added", { jid, entry });
  }

  /** What Activity names a revoked entry by: the last list, or only its id when Warden never listed it. */
  function seenForRevoke(runtime: AccountRuntime | undefined, id: string): SeenClient {
    const listed = runtime?.lastList?.clients.find((client) => client.id === id);
    return listed ? seenClientOf(listed) : (runtime?.watch.seen(id) ?? { id, kind: "session", authMethods: [] });
  }

  function recordRevoke(jid: string, id: string, by: RevokedBy, result: RevokeResult): Promise<void> {
    return recordActivity(jid, { kind: "revoked", by, client: seenForRevoke(runtimes.get(jid), id), result });
  }

  /** Revokes an entry other than this device with the core's revoke, and records it in Activity. The caller lists again. */
  async function revokeAndRecord(runtime: AccountRuntime, id: string, by: RevokedBy): Promise<RevokeResult> {
    const client = seenForRevoke(runtime, id);
    runtime.watch.revoking(id);
    const result = await revokeClient(runtime.context, id);
    runtime.watch.revoked(id, result);
    log("info", `${runtime.jid}: revoke (${by}): ${result.ok ? result.value.outcome : result.error.kind}`);
    await recordActivity(runtime.jid, { kind: "revoked", by, client, result });
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

  function optionsOf(jid: string): AccountOptions {
    const account = getAccount(settings, jid);
    const nicknameSyncProblem = nicknameSync.problemOf(jid);
    return {
      nicknames: account?.nicknames ?? {},
      nicknameSync: account?.nicknameSync ?? false,
      ...(nicknameSyncProblem !== undefined ? { nicknameSyncProblem } : {}),
      cleanupAfterDays: account?.cleanupAfterDays ?? null,
    };
  }

  function emitOptions(jid: string): void {
    events.emit("account-options-changed", { jid, options: optionsOf(jid) });
  }

  function preferences(): Preferences {
    const { inactiveAfterDays, keepWatchingWhenClosed, startAtLogin, autoUpdate } = settings.read();
    return {
      inactiveAfterDays,
      ...(background ? { background: { keepWatchingWhenClosed: keepWatchingWhenClosed ?? null, startAtLogin } } : {}),
      ...(updates ? { autoUpdate } : {}),
    };
  }

  function view(jid: string): AccountView {
    const runtime = runtimes.get(jid);
    const state = withStoredSignIn(jid, runtime?.session.state ?? { status: "signed-out" });
    const onlyThisDevice = getAccount(settings, jid)?.onlyThisDevice;
    return {
      jid,
      state,
      ...(runtime?.lastList ? { clients: runtime.lastList } : {}),
      ...(runtime?.lastListError ? { listError: runtime.lastListError } : {}),
      alerts: runtime?.watch.alerts ?? [],
      options: optionsOf(jid),
      ...(onlyThisDevice ? { onlyThisDevice } : {}),
    };
  }

  /** Drops an account's live parts (signed out), or only its secrets when it has none. */
  async function dropRuntime(jid: string, forgetSecrets: boolean): Promise<void> {
    const runtime = runtimes.get(jid);
    runtimes.delete(jid);
    if (runtime) {
      runtime.schedule.stop();
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
      if (result.value.status === "online") void runtime.schedule.start();
    } else if (!result.ok && !stored) {
      // A first sign-in that failed adds nothing to this device.
      runtimes.delete(jid);
      runtime.session.removeAllListeners();
      events.emit("account-removed", { jid });
    }
    return result;
  }

  /** Accounts running "Only this device keeps access" in this process: one run at a time each. */
  const flows = new Set<string>();

  /** What the flow needs of one account; nothing is kept for an account removed meanwhile. */
  function flowDeps(runtime: AccountRuntime): OnlyThisDeviceDeps {
    const { jid } = runtime;
    const keep = (progress: OnlyThisDeviceProgress | undefined) => {
      if (runtimes.get(jid) !== runtime) return;
      upsertAccount(settings, jid, { onlyThisDevice: progress });
      events.emit("only-this-device-changed", { jid, progress: progress ?? null });
    };
    return {
      context: runtime.context,
      session: runtime.session,
      list: () => refreshList(runtime),
      save: keep,
      drop: () => keep(undefined),
      revoke: (id) => revokeAndRecord(runtime, id, "only-this-device"),
      record: (entry) => recordActivity(jid, entry),
      now: Date.now,
    };
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
      // Unseen alerts kept from before a restart are part of the state.
      await Promise.all([...runtimes.values()].map((runtime) => runtime.watch.ready));
      return ok({ accounts: jids.map(view), ...(language ? { language } : {}), preferences: preferences(), ...(updates ? { updates: updates.state } : {}) });
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
        runtime?.schedule.stop();
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
        await records.removeAccount(jid).catch((error: unknown) => log("warn", `${jid}: could not delete its Activity (${error instanceof Error ? error.message : String(error)})`));
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
      // Every revoke asked for is in Activity, also one that could not be sent.
      return withJid(parsed.data.jid, async (jid): Promise<RevokeResult> => {
        const runtime = online(jid);
        if (!runtime) {
          const result: RevokeResult = offline(jid);
          await recordRevoke(jid, id, "you", result);
          return result;
        }
        if (!isCurrent(id)) {
          const result = await revokeAndRecord(runtime, id, "you");
          void refreshList(runtime);
          return result;
        }
        // Asking first is not a revoke yet.
        if (!confirmSignOut) return err({ kind: "confirmation-required" });
        upsertAccount(settings, jid, { remember: false, passwordInKeychain: false, storedSignIn: false });
        const client = seenForRevoke(runtime, id);
        const result = await revokeOwnEntry(runtime.context, runtime.session, id);
        await recordActivity(jid, { kind: "revoked", by: "you", client, result });
        return result;
      });
    },

    async changePassword(raw): Promise<ChangePasswordResult> {
      const parsed = changePasswordRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      return withJid(parsed.data.jid, async (jid) => {
        const runtime = online(jid);
        if (!runtime) return offline(jid);
        const result = await runtime.watch.changingPassword(() =>
          changePassword({ context: runtime.context, session: runtime.session, list: () => refreshList(runtime) }, parsed.data),
        );
        const entry = passwordChangedEntry(result);
        if (entry) await recordActivity(jid, entry);
        return result;
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

    async setWindowVisible(raw): Promise<DoneResult> {
      const parsed = setWindowVisibleRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      windowVisible = parsed.data.visible;
      for (const runtime of runtimes.values()) runtime.schedule.setVisible(windowVisible);
      return ok(null);
    },

    async markAlertsSeen(raw): Promise<DoneResult> {
      const parsed = accountRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      return withJid(parsed.data.jid, async (jid): Promise<DoneResult> => {
        const runtime = runtimes.get(jid);
        if (runtime) await runtime.watch.markSeen();
        else if (!getAccount(settings, jid)) return notSignedIn();
        else {
          const cleared = await clearUnseenAlerts(records.forAccount(jid)).then(
            () => true,
            () => false,
          );
          if (!cleared) return err({ kind: "internal", message: "The alerts could not be marked as seen on this device." });
        }
        events.emit("alerts-changed", { jid, alerts: [] });
        return ok(null);
      });
    },

    async getActivity(raw): Promise<ActivityResult> {
      const parsed = accountRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      return withJid(parsed.data.jid, async (jid) => ok({ entries: await records.forAccount(jid).readActivity() }));
    },

    async clearActivity(raw): Promise<DoneResult> {
      const parsed = accountRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      return withJid(parsed.data.jid, async (jid) => {
        await records.forAccount(jid).clearActivity();
        return ok(null);
      });
    },

    async setPreferences(raw): Promise<DoneResult> {
      const parsed = setPreferencesRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      const { inactiveAfterDays, keepWatchingWhenClosed, startAtLogin, autoUpdate } = parsed.data;
      if (!background && (keepWatchingWhenClosed !== undefined || startAtLogin !== undefined)) {
        return err({ kind: "invalid-request", detail: "This version of Warden has no background options." });
      }
      if (!updates && autoUpdate !== undefined) {
        return err({ kind: "invalid-request", detail: "This version of Warden does not update itself." });
      }
      settings.update((s) => ({
        ...s,
        ...(inactiveAfterDays !== undefined ? { inactiveAfterDays } : {}),
        ...(keepWatchingWhenClosed !== undefined ? { keepWatchingWhenClosed } : {}),
        ...(startAtLogin !== undefined ? { startAtLogin } : {}),
        ...(autoUpdate !== undefined ? { autoUpdate } : {}),
      }));
      if (autoUpdate !== undefined) updates?.setEnabled(autoUpdate);
      events.emit("preferences-changed", { preferences: preferences() });
      return ok(null);
    },

    async setCleanupRule(raw): Promise<DoneResult> {
      const parsed = setCleanupRuleRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      return withJid(parsed.data.jid, async (jid) => {
        if (!getAccount(settings, jid)) return notSignedIn();
        upsertAccount(settings, jid, { cleanupAfterDays: parsed.data.days });
        emitOptions(jid);
        return ok(null);
      });
    },

    async setNickname(raw): Promise<DoneResult> {
      const parsed = setNicknameRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      return withJid(parsed.data.jid, async (jid) => {
        const account = getAccount(settings, jid);
        if (!account) return notSignedIn();
        const { [parsed.data.id]: _previous, ...others } = account.nicknames;
        const nickname = parsed.data.nickname ?? "";
        upsertAccount(settings, jid, { nicknames: nickname === "" ? others : { ...others, [parsed.data.id]: nickname } });
        emitOptions(jid);
        // Answers once the server has the change too, when sync is on; a failure there is the sync problem.
        await nicknameSync.changedHere(jid);
        return ok(null);
      });
    },

    async setNicknameSync(raw): Promise<DoneResult> {
      const parsed = setNicknameSyncRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      return withJid(parsed.data.jid, async (jid) => {
        if (!getAccount(settings, jid)) return notSignedIn();
        const turning = nicknameSync.setEnabled(jid, parsed.data.enabled);
        emitOptions(jid);
        // Offline, the merge waits for the account to be online; a failure is the sync problem.
        await turning;
        return ok(null);
      });
    },

    async startOnlyThisDevice(raw): Promise<OnlyThisDeviceResult> {
      const parsed = changePasswordRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      return withJid(parsed.data.jid, async (jid): Promise<OnlyThisDeviceResult> => {
        if (flows.has(jid) || isUnfinished(getAccount(settings, jid)?.onlyThisDevice)) return err({ kind: "already-running" });
        const runtime = online(jid);
        if (!runtime) return offline(jid);
        flows.add(jid);
        // What the flow's password change cuts off is in its own entries, not "gone".
        return runtime.watch.changingPassword(() => startFlow(flowDeps(runtime), parsed.data)).finally(() => flows.delete(jid));
      });
    },

    async continueOnlyThisDevice(raw): Promise<OnlyThisDeviceResult> {
      const parsed = accountRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      return withJid(parsed.data.jid, async (jid): Promise<OnlyThisDeviceResult> => {
        if (flows.has(jid)) return err({ kind: "already-running" });
        const stored = getAccount(settings, jid)?.onlyThisDevice;
        if (!isUnfinished(stored)) return err({ kind: "no-flow" });
        const runtime = online(jid);
        if (!runtime) return offline(jid);
        flows.add(jid);
        return ok(await runtime.watch.changingPassword(() => continueFlow(flowDeps(runtime), stored)).finally(() => flows.delete(jid)));
      });
    },

    async dismissOnlyThisDevice(raw): Promise<DoneResult> {
      const parsed = accountRequestSchema.safeParse(raw);
      if (!parsed.success) return err(invalidRequest(parsed.error));
      return withJid(parsed.data.jid, async (jid) => {
        if (flows.has(jid)) return err({ kind: "invalid-request", detail: "\"Only this device keeps access\" is still running: dismiss it once it stops." });
        if (getAccount(settings, jid)) upsertAccount(settings, jid, { onlyThisDevice: undefined });
        events.emit("only-this-device-changed", { jid, progress: null });
        return ok(null);
      });
    },

    async restartToUpdate(): Promise<DoneResult> {
      if (updates?.restart()) return ok(null);
      return err({ kind: "invalid-request", detail: updates ? "No update is ready to install yet." : "This version of Warden does not update itself." });
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

    revealClient(jid, id) {
      const bare = normalizeBareJid(jid);
      if (bare !== null) events.emit("reveal-client", { jid: bare, id });
    },

    async dispose() {
      for (const runtime of runtimes.values()) runtime.schedule.stop();
      stopUpdateEvents?.();
      const all = [...runtimes.values()];
      await Promise.all(all.map((runtime) => runtime.session.signOut(false)));
      // Nothing may still be writing the records once dispose resolves (the host may delete or move them).
      await Promise.all(all.map((runtime) => runtime.schedule.idle().then(() => runtime.watch.settled())));
      events.removeAllListeners();
    },
  };
}
