// A test double of ClientManagerApi for component tests only (the e2e tests use the real core).
// In memory, scriptable per method, and it records every call.
import type {
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
  RemovedAccess,
  RemovePinnedCertificateRequest,
  RevokeRequest,
  RevokeResult,
  SignInRequest,
  SignInResult,
  SignOutRequest,
  TrustCertificateRequest,
  SetDeviceNameRequest,
} from "../../../src/shared/index.js";

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

export class FakeClientManager implements ClientManagerApi {
  state: AccountState;
  clients: ClientInfo[];
  calls: FakeCall[] = [];
  private listeners = new Map<ClientManagerEventName, Set<(payload: never) => void>>();

  /** Replace to script a method; the defaults succeed. */
  onListClients: () => ListClientsResult | Promise<ListClientsResult> = () => ({ ok: true, value: this.list() });
  onSignIn: Handler<SignInRequest, SignInResult> = (request) => {
    this.setState({ status: "online", jid: request.jid, credentials: "keychain" });
    return { ok: true, value: this.state };
  };
  /** By default like a server that takes everything: gone, with what the entry held. */
  onRevoke: Handler<RevokeRequest, RevokeResult> = (request) => {
    const client = this.clients.find((c) => c.id === request.id);
    if (!client) return { ok: true, value: { outcome: "already-gone" } };
    this.clients = this.clients.filter((c) => c !== client);
    return { ok: true, value: { outcome: "gone", removed: heldAccess(client) } };
  };
  onChangePassword: Handler<ChangePasswordRequest, ChangePasswordResult> = () => ({
    ok: true,
    value: { remainingGrants: [], tokenRenewed: true },
  });
  onTrustCertificate: Handler<TrustCertificateRequest, DoneResult> = () => ({ ok: true, value: null });
  onSignOut: Handler<SignOutRequest | undefined, DoneResult> = () => {
    this.setState({ status: "signed-out" });
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
    if ("jid" in this.state && this.state.jid === request.jid) this.setState({ status: "signed-out", lastAccount: { jid: request.jid, resume: false } });
    return { ok: true, value: null };
  };
  /** What the fake "remembers" per account; an unknown account has nothing. */
  security = new Map<string, Omit<AccountSecurity, "jid">>();

  constructor(options: { state?: AccountState; clients?: ClientInfo[] } = {}) {
    this.state = options.state ?? { status: "online", jid: "alice@example.org", credentials: "keychain" };
    this.clients = options.clients ?? [];
  }

  securityOf(jid: string): AccountSecurity {
    return { jid, protections: [], pinnedFingerprints: [], ...this.security.get(jid) };
  }

  list(): ClientList {
    return { clients: [...this.clients], protocol: "xep-0494", fetchedAt: Date.now() };
  }

  setState(state: AccountState): void {
    this.state = state;
    this.emit("state-changed", state);
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
  async signOut(request?: SignOutRequest): Promise<DoneResult> {
    this.record("signOut", request);
    return this.onSignOut(request);
  }
  async getState(): Promise<AccountState> {
    this.record("getState");
    return this.state;
  }
  async listClients(): Promise<ListClientsResult> {
    this.record("listClients");
    return this.onListClients();
  }
  async revokeClient(request: RevokeRequest): Promise<RevokeResult> {
    this.record("revokeClient", request);
    return this.onRevoke(request);
  }
  async changePassword(request: ChangePasswordRequest): Promise<ChangePasswordResult> {
    this.record("changePassword", request);
    return this.onChangePassword(request);
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
  on<E extends ClientManagerEventName>(event: E, listener: (payload: ClientManagerEvents[E]) => void): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(listener as (payload: never) => void);
    return () => void set.delete(listener as (payload: never) => void);
  }
}

/** A promise the test resolves when it wants to. */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void } {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
