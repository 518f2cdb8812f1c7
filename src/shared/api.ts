import type { AccountError, AccountState, Protection } from "./account-state.js";
import type { ClientList } from "./client-info.js";
import type { RequestError } from "./errors.js";
import type { ChangePasswordResult, ListClientsResult, RevokeResult } from "./outcomes.js";
import type {
  AccountRequest,
  ChangePasswordRequest,
  RemovePinnedCertificateRequest,
  RevokeRequest,
  SetDeviceNameRequest,
  SignInRequest,
  SignOutRequest,
  TrustCertificateRequest,
} from "./requests.js";
import type { Result } from "./result.js";

export type SignInResult = Result<AccountState, AccountError | RequestError>;
export type DoneResult = Result<null, RequestError>;

/** What Warden remembers about an account's server, shown in the account's details. */
export interface AccountSecurity {
  jid: string;
  /** The strongest protections seen on an authenticated connection; less is refused as a downgrade. */
  protections: Protection[];
  /** Certificates the user chose to trust for this account (SHA-256, "AA:BB:…"). */
  pinnedFingerprints: string[];
}
export type AccountSecurityResult = Result<AccountSecurity, RequestError>;

export interface ClientManagerEvents {
  "state-changed": AccountState;
  "clients-changed": ClientList;
}
export type ClientManagerEventName = keyof ClientManagerEvents;
export const CLIENT_MANAGER_EVENTS = ["state-changed", "clients-changed"] as const satisfies readonly ClientManagerEventName[];

/**
 * What the UI can ask of the main process: the Electron preload and browser mode both provide
 * exactly this object as `window.clientManager`. Every method resolves to a typed value.
 */
export interface ClientManagerApi {
  signIn(request: SignInRequest): Promise<SignInResult>;
  signOut(request?: SignOutRequest): Promise<DoneResult>;
  getState(): Promise<AccountState>;
  listClients(): Promise<ListClientsResult>;
  revokeClient(request: RevokeRequest): Promise<RevokeResult>;
  changePassword(request: ChangePasswordRequest): Promise<ChangePasswordResult>;
  /**
   * Trust the certificate this account's server presented at its last sign-in attempt (as the main
   * process saw it); refused when there is none, or when the account's server was CA-verified before.
   */
  trustCertificate(request: TrustCertificateRequest): Promise<DoneResult>;
  getAccountSecurity(request: AccountRequest): Promise<AccountSecurityResult>;
  removePinnedCertificate(request: RemovePinnedCertificateRequest): Promise<DoneResult>;
  /**
   * Forgets what Warden knows about the account's server (protections seen, pinned certificates) and
   * this device's stored token or password, and signs that account out: the next sign-in asks for
   * the password. For a server whose administrator really changed its setup.
   */
  forgetServer(request: AccountRequest): Promise<DoneResult>;
  setDeviceName(request: SetDeviceNameRequest): Promise<DoneResult>;
  on<E extends ClientManagerEventName>(event: E, listener: (payload: ClientManagerEvents[E]) => void): () => void;
}

/** The request/response methods, in one list for IPC and WebSocket routing. */
export const CLIENT_MANAGER_METHODS = [
  "signIn",
  "signOut",
  "getState",
  "listClients",
  "revokeClient",
  "changePassword",
  "trustCertificate",
  "getAccountSecurity",
  "removePinnedCertificate",
  "forgetServer",
  "setDeviceName",
] as const satisfies readonly Exclude<keyof ClientManagerApi, "on">[];
export type ClientManagerMethod = (typeof CLIENT_MANAGER_METHODS)[number];
