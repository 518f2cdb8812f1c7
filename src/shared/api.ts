import { z } from "zod";
import { accountErrorSchema, accountStateSchema, protectionSchema } from "./account-state.js";
import { clientListSchema } from "./client-info.js";
import { listErrorSchema, requestErrorSchema } from "./errors.js";
import type { ChangePasswordResult, ListClientsResult, RevokeResult } from "./outcomes.js";
import { activityEntrySchema, isAlert } from "./activity.js";
import { onlyThisDeviceErrorSchema, onlyThisDeviceProgressSchema } from "./only-this-device.js";
import { accountOptionsSchema, preferencesSchema } from "./preferences.js";
import { updateStateSchema } from "./updates.js";
import type {
  AccountRequest,
  OnlyThisDeviceRequest,
  SetCleanupRuleRequest,
  SetNicknameRequest,
  SetNicknameSyncRequest,
  SetPreferencesRequest,
  SetWindowVisibleRequest,
  ChangePasswordRequest,
  RemovePinnedCertificateRequest,
  RevokeRequest,
  SetDeviceNameRequest,
  SetLanguageRequest,
  SignInRequest,
  SignOutRequest,
  TrustCertificateRequest,
} from "./requests.js";
import { languageSchema } from "./requests.js";
import { resultSchema } from "./result.js";
import type { ClientManagerEventName } from "./api-names.js";

/**
 * One account this device knows: its connection state, and the last list seen in this run — or,
 * when the core's last try to list failed, why.
 */
export const accountViewSchema = z.object({
  jid: z.string(),
  state: accountStateSchema,
  clients: clientListSchema.optional(),
  listError: listErrorSchema.optional(),
  /** New sign-ins and new ways in the user has not seen yet (the banner), oldest first. */
  alerts: z.array(activityEntrySchema.refine(isAlert)),
  options: accountOptionsSchema,
  /** "Only this device keeps access" started and not dismissed: where it stands. */
  onlyThisDevice: onlyThisDeviceProgressSchema.optional(),
});
export type AccountView = z.infer<typeof accountViewSchema>;

/**
 * Every account this device knows, in the order they were added; `language`: the one the user
 * chose in Warden's settings (absent: follow the system's).
 */
export const wardenStateSchema = z.object({
  accounts: z.array(accountViewSchema),
  language: languageSchema.optional(),
  preferences: preferencesSchema,
  /** Only where the host updates itself (the desktop app). */
  updates: updateStateSchema.optional(),
});
export type WardenState = z.infer<typeof wardenStateSchema>;

export const signInErrorSchema = z.union([accountErrorSchema, requestErrorSchema]);
export const signInResultSchema = resultSchema(accountStateSchema, signInErrorSchema);
export type SignInResult = z.infer<typeof signInResultSchema>;

export const doneResultSchema = resultSchema(z.null(), requestErrorSchema);
export type DoneResult = z.infer<typeof doneResultSchema>;

export const stateResultSchema = resultSchema(wardenStateSchema, requestErrorSchema);
export type StateResult = z.infer<typeof stateResultSchema>;

/** What Warden remembers about an account's server, shown in the account's details. */
export const accountSecuritySchema = z.object({
  jid: z.string(),
  /** The strongest protections seen on an authenticated connection; less is refused as a downgrade. */
  protections: z.array(protectionSchema),
  /** Certificates the user chose to trust for this account (SHA-256, "AA:BB:…"). */
  pinnedFingerprints: z.array(z.string()),
});
export type AccountSecurity = z.infer<typeof accountSecuritySchema>;
export const accountSecurityResultSchema = resultSchema(accountSecuritySchema, requestErrorSchema);
export type AccountSecurityResult = z.infer<typeof accountSecurityResultSchema>;

export const activityResultSchema = resultSchema(z.object({ entries: z.array(activityEntrySchema) }), requestErrorSchema);
export type ActivityResult = z.infer<typeof activityResultSchema>;

export const onlyThisDeviceResultSchema = resultSchema(onlyThisDeviceProgressSchema, onlyThisDeviceErrorSchema);
export type OnlyThisDeviceResult = z.infer<typeof onlyThisDeviceResultSchema>;

/** Every event about an account names it. */
export const CLIENT_MANAGER_EVENT_SCHEMAS = {
  /** An account's connection state changed; an account this run had not shown yet appears with it. */
  "state-changed": z.object({ jid: z.string(), state: accountStateSchema }),
  /**
   * A list the core fetched by itself (after sign-in, a reconnection, a revoke, a password change),
   * or why that fetch failed: a page never needs to ask for the first list itself.
   */
  "clients-changed": z.union([z.object({ jid: z.string(), list: clientListSchema }), z.object({ jid: z.string(), error: listErrorSchema })]),
  /** The account was removed from this device. */
  "account-removed": z.object({ jid: z.string() }),
  /** Warden saw or did something on this account: a new line of its Activity. */
  "activity-added": z.object({ jid: z.string(), entry: activityEntrySchema }),
  /** The account's unseen alerts (the banner) changed. */
  "alerts-changed": z.object({ jid: z.string(), alerts: z.array(activityEntrySchema.refine(isAlert)) }),
  "account-options-changed": z.object({ jid: z.string(), options: accountOptionsSchema }),
  /** "Only this device keeps access" moved on; null once dismissed. */
  "only-this-device-changed": z.object({ jid: z.string(), progress: onlyThisDeviceProgressSchema.nullable() }),
  "preferences-changed": z.object({ preferences: preferencesSchema }),
  /** The desktop app's own update moved on (checking, downloading, ready to restart, …). */
  "update-changed": z.object({ updates: updateStateSchema }),
  /** Show this entry with its revoke button focused (a desktop notification about it was clicked). */
  "reveal-client": z.object({ jid: z.string(), id: z.string() }),
} as const;
export type ClientManagerEvents = { [E in keyof typeof CLIENT_MANAGER_EVENT_SCHEMAS]: z.infer<(typeof CLIENT_MANAGER_EVENT_SCHEMAS)[E]> };

/**
 * What every host offers: the Electron preload and browser mode provide exactly this object as
 * `window.clientManager`, and the command line calls it in process. Every method resolves to a
 * typed value; every request names the account it is about (signIn adds one).
 */
export interface ClientManagerApi {
  /** Every account this device knows, with its state and last list. */
  getState(): Promise<StateResult>;
  /** Signs in to an account, adding it to this device once the sign-in succeeds. */
  signIn(request: SignInRequest): Promise<SignInResult>;
  signOut(request: SignOutRequest): Promise<DoneResult>;
  /** While the account reconnects: try now rather than after the wait. Refused in any other state. */
  reconnectNow(request: AccountRequest): Promise<DoneResult>;
  /** Signs the account out and forgets everything of it on this device: token, password, pins, memory. */
  removeAccount(request: AccountRequest): Promise<DoneResult>;
  /** The list answers this call only; lists the core fetches by itself come as `clients-changed`. */
  listClients(request: AccountRequest): Promise<ListClientsResult>;
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
  /** The UI's language for this install; null follows the system's. */
  setLanguage(request: SetLanguageRequest): Promise<DoneResult>;
  /** The page reports whether it is visible: the watch lists about every 30 s then, every few minutes otherwise. */
  setWindowVisible(request: SetWindowVisibleRequest): Promise<DoneResult>;
  /** The user saw the account's alerts: the banner goes away (Activity keeps them). */
  markAlertsSeen(request: AccountRequest): Promise<DoneResult>;
  /** The account's Activity on this device, oldest first. */
  getActivity(request: AccountRequest): Promise<ActivityResult>;
  clearActivity(request: AccountRequest): Promise<DoneResult>;
  setPreferences(request: SetPreferencesRequest): Promise<DoneResult>;
  /** Turns the account's cleanup rule on (with its threshold) or off (null). */
  setCleanupRule(request: SetCleanupRuleRequest): Promise<DoneResult>;
  setNickname(request: SetNicknameRequest): Promise<DoneResult>;
  /** On: merges this device's nicknames with those in the account's private PEP storage and keeps both in step. */
  setNicknameSync(request: SetNicknameSyncRequest): Promise<DoneResult>;
  /** Runs "Only this device keeps access" to its end or to the step that stopped it. */
  startOnlyThisDevice(request: OnlyThisDeviceRequest): Promise<OnlyThisDeviceResult>;
  /** Continues a flow that stopped after the password change (this device must be signed in again). */
  continueOnlyThisDevice(request: AccountRequest): Promise<OnlyThisDeviceResult>;
  /** Forgets the flow's progress once the user has seen where it ended. */
  dismissOnlyThisDevice(request: AccountRequest): Promise<DoneResult>;
  /** Installs a downloaded update and restarts Warden; refused unless an update is ready (never automatic). */
  restartToUpdate(): Promise<DoneResult>;
  on<E extends ClientManagerEventName>(event: E, listener: (payload: ClientManagerEvents[E]) => void): () => void;
}

export { CLIENT_MANAGER_EVENTS, CLIENT_MANAGER_METHODS, type ClientManagerEventName, type ClientManagerMethod } from "./api-names.js";
