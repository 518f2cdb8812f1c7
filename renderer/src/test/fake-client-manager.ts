// A fake of the main process (ClientManagerApi) for component tests only: the e2e tests use the
// real core. In memory, several accounts, scriptable per method, and it records every call.
import type {
  AccountError,
  AccountRequest,
  AccountSecurity,
  AccountSecurityResult,
  AccountState,
  ChangePasswordRequest,
  ChangePasswordResult,
  ClientInfo,
  ClientList,
  ClientManagerApi,
  ClientManagerEventName,
  ClientManagerEvents,
  DoneResult,
  ListClientsResult,
  ListError,
  RemovedAccess,
  RemovePinnedCertificateRequest,
  RevokeRequest,
  RevokeResult,
  SignInRequest,
  SignInResult,
  SignOutRequest,
  TrustCertificateRequest,
  SetDeviceNameRequest,
  SetLanguageRequest,
  Language,
  StateResult,
  AccountOptions,
  ActivityEntry,
  ActivityResult,
  AlertEntry,
  OnlyThisDeviceProgress,
  OnlyThisDeviceRequest,
  OnlyThisDeviceResult,
  Preferences,
  SetCleanupRuleRequest,
  SetNicknameRequest,
  SetNicknameSyncRequest,
  SetPreferencesRequest,
  SetWindowVisibleRequest,
  UpdateState,
} from "../../../src/shared/index.js";
import { DEFAULT_ACCOUNT_OPTIONS, DEFAULT_PREFERENCES, isAlert, seenClientOf } from "../../../src/shared/index.js";

type Handler<Req, Res> = (request: Req) => Res | Promise<Res>;

export type FakeCall = { method: string; argument: unknown };

let nextId = 0;

/** A client with sensible defaults; override what the test is about. */
export function makeClient(overrides: Partial<ClientInfo> & { userAgent?: ClientInfo["userAgent"] } = {}): ClientInfo {
  nextId += 1;
  return {
    id: `client-${nextId}`,
    kind: "session",
    connected: false,
    authMethods: ["password"],
    userAgent: { software: `App ${nextId}`, device: `Device ${nextId}` },
    isCurrent: false,
    ...overrides,
  };
}

/** What an entry holds that a revoke takes: its session while connected, its FAST tokens, its grant. */
export function heldAccess(client: ClientInfo): RemovedAccess[] {
  if (client.kind === "access") return ["grant"];
  const held: RemovedAccess[] = client.connected ? ["session"] : [];
  if (client.authMethods.includes("fast")) held.push("fast-tokens");
  return held;
}

/**
 * One account the fake knows: its state, what its server would list, and what the core keeps of it
 * on this device (Activity oldest first, unseen alerts, options, "only this device" progress).
 */
export type FakeAccount = {
  jid: string;
  state: AccountState;
  clients: ClientInfo[];
  activity: ActivityEntry[];
  alerts: AlertEntry[];
  options: AccountOptions;
  onlyThisDevice?: OnlyThisDeviceProgress;
};

let nextEntryId = 0;

/** Any Activity entry without its id and time (per kind: Omit over a union would merge the kinds). */
type EntryInput = ActivityEntry extends infer E ? (E extends ActivityEntry ? Omit<E, "id" | "at"> & { id?: string; at?: number } : never) : never;

/** An Activity entry with an id and a time (now unless given); the rest is the test's. */
export function makeEntry<I extends EntryInput>(entry: I): Extract<ActivityEntry, { kind: I["kind"] }> {
  nextEntryId += 1;
  const made: ActivityEntry = { id: `entry-${nextEntryId}`, at: Date.now(), ...entry };
  return made as Extract<ActivityEntry, { kind: I["kind"] }>;
}

export const ALICE = "alice@example.org";

export class FakeClientManager implements ClientManagerApi {
  /** Every account, in the order they were added. */
  accounts = new Map<string, FakeAccount>();
  calls: FakeCall[] = [];
  /** The language chosen in settings; undefined follows the system's. */
  language: Language | undefined;
  preferences: Preferences = { ...DEFAULT_PREFERENCES };
  /** The desktop app's update state; undefined where the host does not update itself (browser mode). */
  updates: UpdateState | undefined;
  private listeners = new Map<ClientManagerEventName, Set<(payload: never) => void>>();

  /** Replace to script a method; the defaults succeed. */
  onListClients: Handler<AccountRequest, ListClientsResult> = (request) =>
    this.accounts.has(request.jid) ? { ok: true, value: this.list(request.jid) } : { ok: false, error: { kind: "not-signed-in" } };
  /** Like the core: the account is added once online, and its list arrives as "clients-changed". */
  onSignIn: Handler<SignInRequest, SignInResult> = (request) => {
    this.setState(request.jid, { status: "online", jid: request.jid, credentials: "keychain" });
    this.pushList(request.jid);
    return { ok: true, value: this.stateOf(request.jid) };
  };
  /** By default like a server that takes everything: gone, with what the entry held. */
  onRevoke: Handler<RevokeRequest, RevokeResult> = (request) => {
    const account = this.account(request.jid);
    const client = account.clients.find((c) => c.id === request.id);
    if (!client) return { ok: true, value: { outcome: "already-gone" } };
    account.clients = account.clients.filter((c) => c !== client);
    return { ok: true, value: { outcome: "gone", removed: heldAccess(client) } };
  };
  onChangePassword: Handler<ChangePasswordRequest, ChangePasswordResult> = () => ({
    ok: true,
    value: { confirmed: true, cutOff: [], remainingGrants: [], tokenRenewed: true },
  });
  onTrustCertificate: Handler<TrustCertificateRequest, DoneResult> = () => ({ ok: true, value: null });
  onSignOut: Handler<SignOutRequest, DoneResult> = (request) => {
    this.forgetList(request.jid);
    this.setState(request.jid, { status: "signed-out" });
    return { ok: true, value: null };
  };
  /** Like the core: accepted only while the account reconnects (the attempt itself is the test's to script). */
  onReconnectNow: Handler<AccountRequest, DoneResult> = (request) =>
    this.account(request.jid).state.status === "reconnecting"
      ? { ok: true, value: null }
      : { ok: false, error: { kind: "invalid-request", detail: `${request.jid} is not reconnecting.` } };
  /** Like the core: signs out, forgets everything, and says the account is gone. */
  onRemoveAccount: Handler<AccountRequest, DoneResult> = (request) => {
    if (!this.accounts.delete(request.jid)) return { ok: false, error: { kind: "not-signed-in" } };
    this.security.delete(request.jid);
    this.emit("account-removed", { jid: request.jid });
    return { ok: true, value: null };
  };
  onGetAccountSecurity: Handler<AccountRequest, AccountSecurityResult> = (request) => ({ ok: true, value: this.securityOf(request.jid) });
  onRemovePinnedCertificate: Handler<RemovePinnedCertificateRequest, DoneResult> = (request) => {
    const security = this.securityOf(request.jid);
    this.security.set(request.jid, { ...security, pinnedFingerprints: security.pinnedFingerprints.filter((f) => f !== request.fingerprint256) });
    return { ok: true, value: null };
  };
  /** Like the core: forgets the server and signs that account out. */
  onForgetServer: Handler<AccountRequest, DoneResult> = (request) => {
    this.security.delete(request.jid);
    if (this.accounts.has(request.jid)) this.setState(request.jid, { status: "signed-out" });
    return { ok: true, value: null };
  };
  /** What the fake "remembers" per account; an unknown account has nothing. */
  security = new Map<string, Omit<AccountSecurity, "jid">>();
  /** Lists getState reports as seen this run, per account: an account online from the start has one. */
  seenLists = new Map<string, ClientList>();
  /** Why the core's last list failed, as getState reports it, per account. */
  listErrors = new Map<string, ListError>();

  /**
   * `accounts`: every account; otherwise one, alice@example.org (or the JID `state` names), online
   * by default, with `clients`. `accounts: []` is a first run.
   */
  constructor(options: { state?: AccountState; clients?: ClientInfo[]; accounts?: { jid: string; state: AccountState; clients?: ClientInfo[] }[] } = {}) {
    const state = options.state ?? { status: "online", jid: ALICE, credentials: "keychain" };
    const accounts = options.accounts ?? [{ jid: ("jid" in state ? state.jid : undefined) ?? ALICE, state, clients: options.clients }];
    for (const account of accounts) {
      this.accounts.set(account.jid, { ...emptyRecords(), jid: account.jid, state: account.state, clients: account.clients ?? [] });
      // Like the core, which listed when the account came online.
      if (account.state.status === "online") this.seenLists.set(account.jid, this.list(account.jid));
    }
  }

  /** The account, which the test says exists. */
  account(jid: string = ALICE): FakeAccount {
    const account = this.accounts.get(jid);
    if (!account) throw new Error(`the fake has no account ${jid}`);
    return account;
  }

  stateOf(jid: string = ALICE): AccountState {
    return this.account(jid).state;
  }

  securityOf(jid: string): AccountSecurity {
    return { jid, protections: [], pinnedFingerprints: [], ...this.security.get(jid) };
  }

  list(jid: string = ALICE): ClientList {
    return { clients: [...this.account(jid).clients], protocol: "xep-0494", fetchedAt: Date.now() };
  }

  /** Like the core listing by itself: it remembers the list for getState and pushes it once. */
  pushList(jid: string = ALICE, list: ClientList = this.list(jid)): void {
    this.seenLists.set(jid, list);
    this.listErrors.delete(jid);
    this.emit("clients-changed", { jid, list });
  }

  /** Like the core when its own list failed: it remembers why for getState and pushes that once. */
  pushListError(jid: string, error: ListError): void {
    this.listErrors.set(jid, error);
    this.emit("clients-changed", { jid, error });
  }

  /** Like the core at sign-out: the account's list and its error are gone with its connection. */
  private forgetList(jid: string): void {
    this.seenLists.delete(jid);
    this.listErrors.delete(jid);
  }

  /**
   * Like the core when a sign-in fails: an account it knew shows the error; a new one was shown
   * signing in, then is removed again (a failed first sign-in adds nothing).
   */
  failSignIn(jid: string, error: AccountError): SignInResult {
    if (this.accounts.has(jid)) {
      this.setState(jid, { status: "error", jid, error });
    } else {
      this.setState(jid, { status: "connecting", jid });
      this.accounts.delete(jid);
      this.emit("account-removed", { jid });
    }
    return { ok: false, error };
  }

  /** Like the core: a state for an account it doesn't know yet adds it. */
  setState(jid: string, state: AccountState): void {
    const account = this.accounts.get(jid);
    if (account) account.state = state;
    else this.accounts.set(jid, { ...emptyRecords(), jid, state, clients: [] });
    this.emit("state-changed", { jid, state });
  }

  emit<E extends ClientManagerEventName>(event: E, payload: ClientManagerEvents[E]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (p: ClientManagerEvents[E]) => void)(payload);
  }

  callsOf(method: string): unknown[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.argument);
  }

  private record(method: string, argument?: unknown): void {
    this.calls.push({ method, argument });
  }

  async signIn(request: SignInRequest): Promise<SignInResult> {
    this.record("signIn", request);
    return this.onSignIn(request);
  }
  async signOut(request: SignOutRequest): Promise<DoneResult> {
    this.record("signOut", request);
    return this.onSignOut(request);
  }
  async reconnectNow(request: AccountRequest): Promise<DoneResult> {
    this.record("reconnectNow", request);
    return this.onReconnectNow(request);
  }
  async removeAccount(request: AccountRequest): Promise<DoneResult> {
    this.record("removeAccount", request);
    return this.onRemoveAccount(request);
  }
  async getState(): Promise<StateResult> {
    this.record("getState");
    const accounts = [...this.accounts.values()].map(({ jid, state, alerts, options, onlyThisDevice }) => {
      const clients = this.seenLists.get(jid);
      const listError = this.listErrors.get(jid);
      return {
        jid,
        state,
        ...(clients ? { clients } : {}),
        ...(listError ? { listError } : {}),
        alerts: [...alerts],
        options,
        ...(onlyThisDevice ? { onlyThisDevice } : {}),
      };
    });
    return {
      ok: true,
      value: { accounts, ...(this.language ? { language: this.language } : {}), preferences: this.preferences, ...(this.updates ? { updates: this.updates } : {}) },
    };
  }
  async listClients(request: AccountRequest): Promise<ListClientsResult> {
    this.record("listClients", request);
    return this.onListClients(request);
  }
  async revokeClient(request: RevokeRequest): Promise<RevokeResult> {
    this.record("revokeClient", request);
    const own = this.accounts.get(request.jid)?.clients.find((c) => c.id === request.id)?.isCurrent ?? false;
    const result = await this.onRevoke(request);
    // Like the core: after revoking another entry, whatever the outcome, it lists by itself.
    if (!own && this.accounts.get(request.jid)?.state.status === "online") this.pushList(request.jid);
    return result;
  }
  async changePassword(request: ChangePasswordRequest): Promise<ChangePasswordResult> {
    this.record("changePassword", request);
    const result = await this.onChangePassword(request);
    // Like the core, which lists during a change that went through.
    if (result.ok) this.pushList(request.jid);
    return result;
  }
  async trustCertificate(request: TrustCertificateRequest): Promise<DoneResult> {
    this.record("trustCertificate", request);
    return this.onTrustCertificate(request);
  }
  async getAccountSecurity(request: AccountRequest): Promise<AccountSecurityResult> {
    this.record("getAccountSecurity", request);
    return this.onGetAccountSecurity(request);
  }
  async removePinnedCertificate(request: RemovePinnedCertificateRequest): Promise<DoneResult> {
    this.record("removePinnedCertificate", request);
    return this.onRemovePinnedCertificate(request);
  }
  async forgetServer(request: AccountRequest): Promise<DoneResult> {
    this.record("forgetServer", request);
    return this.onForgetServer(request);
  }
  async setDeviceName(request: SetDeviceNameRequest): Promise<DoneResult> {
    this.record("setDeviceName", request);
    return { ok: true, value: null };
  }
  /** Like the core: kept for this install and part of getState. */
  async setLanguage(request: SetLanguageRequest): Promise<DoneResult> {
    this.record("setLanguage", request);
    this.language = request.language ?? undefined;
    return { ok: true, value: null };
  }
  async setWindowVisible(request: SetWindowVisibleRequest): Promise<DoneResult> {
    this.record("setWindowVisible", request);
    return { ok: true, value: null };
  }
  /** Like the core: the banner's alerts go (Activity keeps them). */
  async markAlertsSeen(request: AccountRequest): Promise<DoneResult> {
    this.record("markAlertsSeen", request);
    const account = this.accounts.get(request.jid);
    if (!account) return { ok: false, error: { kind: "not-signed-in" } };
    if (account.alerts.length > 0) {
      account.alerts = [];
      this.emit("alerts-changed", { jid: request.jid, alerts: [] });
    }
    return { ok: true, value: null };
  }
  onGetActivity: Handler<AccountRequest, ActivityResult> = (request) => {
    const account = this.accounts.get(request.jid);
    return account ? { ok: true, value: { entries: [...account.activity] } } : { ok: false, error: { kind: "not-signed-in" } };
  };
  async getActivity(request: AccountRequest): Promise<ActivityResult> {
    this.record("getActivity", request);
    return this.onGetActivity(request);
  }
  async clearActivity(request: AccountRequest): Promise<DoneResult> {
    this.record("clearActivity", request);
    const account = this.accounts.get(request.jid);
    if (!account) return { ok: false, error: { kind: "not-signed-in" } };
    account.activity = [];
    return { ok: true, value: null };
  }
  /** Like the core: only what the request names changes, then "preferences-changed". */
  async setPreferences(request: SetPreferencesRequest): Promise<DoneResult> {
    this.record("setPreferences", request);
    const { inactiveAfterDays, keepWatchingWhenClosed, startAtLogin, autoUpdate } = request;
    const background = this.preferences.background;
    if ((keepWatchingWhenClosed !== undefined || startAtLogin !== undefined) && !background) {
      return { ok: false, error: { kind: "invalid-request", detail: "This host has no background options." } };
    }
    if (autoUpdate !== undefined && this.preferences.autoUpdate === undefined) {
      return { ok: false, error: { kind: "invalid-request", detail: "This host does not update itself." } };
    }
    this.preferences = {
      ...this.preferences,
      ...(inactiveAfterDays !== undefined ? { inactiveAfterDays } : {}),
      ...(autoUpdate !== undefined ? { autoUpdate } : {}),
      ...(background
        ? {
            background: {
              keepWatchingWhenClosed: keepWatchingWhenClosed ?? background.keepWatchingWhenClosed,
              startAtLogin: startAtLogin ?? background.startAtLogin,
            },
          }
        : {}),
    };
    this.emit("preferences-changed", { preferences: this.preferences });
    // Like the core, which turns its updater on or off: off is a state of its own.
    if (autoUpdate !== undefined) this.setUpdates(autoUpdate ? { status: "idle" } : { status: "off" });
    return { ok: true, value: null };
  }
  async setCleanupRule(request: SetCleanupRuleRequest): Promise<DoneResult> {
    this.record("setCleanupRule", request);
    return this.changeOptions(request.jid, (options) => ({ ...options, cleanupAfterDays: request.days }));
  }
  /** Like the core: a blank nickname removes it. */
  async setNickname(request: SetNicknameRequest): Promise<DoneResult> {
    this.record("setNickname", request);
    const nickname = request.nickname?.trim() ?? "";
    return this.changeOptions(request.jid, (options) => {
      const nicknames = { ...options.nicknames };
      if (nickname === "") delete nicknames[request.id];
      else nicknames[request.id] = nickname;
      return { ...options, nicknames };
    });
  }
  /** Replace to script a failed sync (e.g. set nicknameSyncProblem through setOptions). */
  onSetNicknameSync: Handler<SetNicknameSyncRequest, DoneResult> = (request) => {
    const { nicknameSyncProblem: _, ...rest } = this.account(request.jid).options;
    return this.changeOptions(request.jid, () => ({ ...rest, nicknameSync: request.enabled }));
  };
  async setNicknameSync(request: SetNicknameSyncRequest): Promise<DoneResult> {
    this.record("setNicknameSync", request);
    return this.onSetNicknameSync(request);
  }
  /** By default the whole flow goes through and the last list shows this device alone. */
  onStartOnlyThisDevice: Handler<OnlyThisDeviceRequest, OnlyThisDeviceResult> = (request) => {
    const account = this.account(request.jid);
    const others = account.clients.filter((c) => !c.isCurrent);
    account.clients = account.clients.filter((c) => c.isCurrent);
    const progress: OnlyThisDeviceProgress = {
      startedAt: Date.now(),
      done: ["check-password", "change-password", "sign-in-again", "remove-others", "verify"],
      revoked: others.map((client) => ({
        client: seenClientOf(client),
        result: { ok: true, value: { outcome: "gone", removed: heldAccess(client) } },
      })),
      result: { verified: true, remaining: [] },
    };
    this.setOnlyThisDevice(request.jid, progress);
    this.pushList(request.jid);
    return { ok: true, value: progress };
  };
  async startOnlyThisDevice(request: OnlyThisDeviceRequest): Promise<OnlyThisDeviceResult> {
    // The passwords are recorded like every argument: tests may assert on them, they are fake.
    this.record("startOnlyThisDevice", request);
    return this.onStartOnlyThisDevice(request);
  }
  onContinueOnlyThisDevice: Handler<AccountRequest, OnlyThisDeviceResult> = (request) => {
    const progress = this.accounts.get(request.jid)?.onlyThisDevice;
    return progress ? { ok: true, value: progress } : { ok: false, error: { kind: "no-flow" } };
  };
  async continueOnlyThisDevice(request: AccountRequest): Promise<OnlyThisDeviceResult> {
    this.record("continueOnlyThisDevice", request);
    return this.onContinueOnlyThisDevice(request);
  }
  async dismissOnlyThisDevice(request: AccountRequest): Promise<DoneResult> {
    this.record("dismissOnlyThisDevice", request);
    this.setOnlyThisDevice(request.jid, null);
    return { ok: true, value: null };
  }

  /** Like the core's watch or a revoke: a new Activity line, and a new unseen alert when it is one. */
  addActivity(jid: string, entry: ActivityEntry): void {
    const account = this.account(jid);
    account.activity.push(entry);
    this.emit("activity-added", { jid, entry });
    if (isAlert(entry)) {
      account.alerts = [...account.alerts, entry];
      this.emit("alerts-changed", { jid, alerts: [...account.alerts] });
    }
  }

  /** Options as the core would push them (e.g. a nickname sync that failed). */
  setOptions(jid: string, options: AccountOptions): void {
    this.account(jid).options = options;
    this.emit("account-options-changed", { jid, options });
  }

  setOnlyThisDevice(jid: string, progress: OnlyThisDeviceProgress | null): void {
    const account = this.account(jid);
    if (progress) account.onlyThisDevice = progress;
    else delete account.onlyThisDevice;
    this.emit("only-this-device-changed", { jid, progress });
  }

  /** The desktop app: preferences with the background options (which browser mode lacks). */
  withBackground(background: NonNullable<Preferences["background"]> = { keepWatchingWhenClosed: null, startAtLogin: false }): this {
    this.preferences = { ...this.preferences, background };
    return this;
  }

  /** The desktop app: it updates itself, with this state and the setting on. */
  withUpdates(updates: UpdateState = { status: "idle" }): this {
    this.preferences = { ...this.preferences, autoUpdate: updates.status !== "off" };
    this.updates = updates;
    return this;
  }

  /** Like the desktop app's updater moving on (checking, downloading, ready, …). */
  setUpdates(updates: UpdateState): void {
    this.updates = updates;
    this.emit("update-changed", { updates });
  }

  /** Like the core: accepted only while an update is ready (the fake does not restart anything). */
  onRestartToUpdate: Handler<undefined, DoneResult> = () =>
    this.updates?.status === "ready" ? { ok: true, value: null } : { ok: false, error: { kind: "invalid-request", detail: "No update is ready to install yet." } };
  async restartToUpdate(): Promise<DoneResult> {
    this.record("restartToUpdate");
    return this.onRestartToUpdate(undefined);
  }

  private changeOptions(jid: string, change: (options: AccountOptions) => AccountOptions): DoneResult {
    const account = this.accounts.get(jid);
    if (!account) return { ok: false, error: { kind: "not-signed-in" } };
    this.setOptions(jid, change(account.options));
    return { ok: true, value: null };
  }

  on<E extends ClientManagerEventName>(event: E, listener: (payload: ClientManagerEvents[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => void set.delete(listener as (payload: never) => void);
  }
}

function emptyRecords(): Pick<FakeAccount, "activity" | "alerts" | "options"> {
  return { activity: [], alerts: [], options: { ...DEFAULT_ACCOUNT_OPTIONS, nicknames: {} } };
}

/** A promise the test resolves when it wants to. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
