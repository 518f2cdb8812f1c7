import type { AccountError, AccountState } from "./account-state.js";
import type { ClientList } from "./client-info.js";
import type { RequestError } from "./errors.js";
import type { ChangePasswordResult, ListClientsResult, RevokeResult } from "./outcomes.js";
import type {
  ChangePasswordRequest,
  RevokeRequest,
  SetDeviceNameRequest,
  SignInRequest,
  SignOutRequest,
  TrustCertificateRequest,
} from "./requests.js";
import type { Result } from "./result.js";

export type SignInResult = Result<AccountState, AccountError | RequestError>;
export type DoneResult = Result<null, RequestError>;

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
  /** Pin a certificate the user chose to trust for this account; the next sign-in accepts it. */
  trustCertificate(request: TrustCertificateRequest): Promise<DoneResult>;
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
  "setDeviceName",
] as const satisfies readonly Exclude<keyof ClientManagerApi, "on">[];
export type ClientManagerMethod = (typeof CLIENT_MANAGER_METHODS)[number];
