import { z } from "zod";
import { NICKNAME_MAX_LENGTH, inactiveDaysSchema } from "./preferences.js";

export const serverAddressSchema = z.object({
  host: z.string().min(1).max(253),
  port: z.number().int().min(1).max(65535),
  tls: z.enum(["starttls", "direct"]),
});
export type ServerAddress = z.infer<typeof serverAddressSchema>;

/** The account a request is about: its bare JID. */
const jidSchema = z.string().min(3).max(3071);

export const signInRequestSchema = z.object({
  jid: jidSchema,
  /** Absent: sign in with what this device remembered (a FAST token, or a remembered password). */
  password: z.string().min(1).max(1023).optional(),
  remember: z.boolean().default(true),
  /** Absent: the JID's domain, found through SRV records. */
  server: serverAddressSchema.optional(),
  /** Send credentials without TLS; honoured only for a loopback host. */
  allowInsecureLoopback: z.boolean().default(false),
});
export type SignInRequest = z.input<typeof signInRequestSchema>;

export const signOutRequestSchema = z.object({
  jid: jidSchema,
  /** Also remove this device's stored token or password from the keychain. */
  forgetCredentials: z.boolean().default(false),
});
export type SignOutRequest = z.input<typeof signOutRequestSchema>;

export const revokeRequestSchema = z.object({
  jid: jidSchema,
  id: z.string().min(1).max(3071),
  /** Required to revoke this app's own entry, which signs it out. */
  confirmSignOut: z.boolean().default(false),
});
export type RevokeRequest = z.input<typeof revokeRequestSchema>;

export const changePasswordRequestSchema = z.object({
  jid: jidSchema,
  /** Proved to the server on a second connection before anything is changed. */
  currentPassword: z.string().max(1023),
  newPassword: z.string().max(1023),
});
export type ChangePasswordRequest = z.input<typeof changePasswordRequestSchema>;

const FINGERPRINT_256 = /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/;

/**
 * The user's decision to trust the certificate the main process itself last saw for this account's
 * server: the page sends a decision, never a fingerprint.
 */
export const trustCertificateRequestSchema = z.object({
  jid: jidSchema,
});
export type TrustCertificateRequest = z.infer<typeof trustCertificateRequestSchema>;

/** Names one account this device knows. */
export const accountRequestSchema = z.object({
  jid: jidSchema,
});
export type AccountRequest = z.infer<typeof accountRequestSchema>;

export const removePinnedCertificateRequestSchema = z.object({
  jid: jidSchema,
  fingerprint256: z.string().regex(FINGERPRINT_256),
});
export type RemovePinnedCertificateRequest = z.infer<typeof removePinnedCertificateRequestSchema>;

/** The languages Warden's UI ships in. */
export const LANGUAGES = ["en", "de", "fr"] as const;
export const languageSchema = z.enum(LANGUAGES);
export type Language = z.infer<typeof languageSchema>;

/** `null`: follow the system's (or the browser's) language. */
export const setLanguageRequestSchema = z.object({ language: languageSchema.nullable() });
export type SetLanguageRequest = z.infer<typeof setLanguageRequestSchema>;

export const setDeviceNameRequestSchema = z.object({
  deviceName: z.string().trim().min(1).max(128),
});
export type SetDeviceNameRequest = z.infer<typeof setDeviceNameRequestSchema>;

/** The window showing Warden is visible (watch often) or hidden (watch rarely). */
export const setWindowVisibleRequestSchema = z.object({ visible: z.boolean() });
export type SetWindowVisibleRequest = z.infer<typeof setWindowVisibleRequestSchema>;

/** Only what is named changes; `background` options are refused by a host without them. */
export const setPreferencesRequestSchema = z.object({
  inactiveAfterDays: inactiveDaysSchema.optional(),
  keepWatchingWhenClosed: z.boolean().optional(),
  startAtLogin: z.boolean().optional(),
  autoUpdate: z.boolean().optional(),
});
export type SetPreferencesRequest = z.infer<typeof setPreferencesRequestSchema>;

export const setCleanupRuleRequestSchema = z.object({ jid: jidSchema, days: inactiveDaysSchema.nullable() });
export type SetCleanupRuleRequest = z.infer<typeof setCleanupRuleRequestSchema>;

/** `nickname` null (or blank) removes it. */
export const setNicknameRequestSchema = z.object({
  jid: jidSchema,
  id: z.string().min(1).max(3071),
  nickname: z.string().trim().max(NICKNAME_MAX_LENGTH).nullable(),
});
export type SetNicknameRequest = z.infer<typeof setNicknameRequestSchema>;

export const setNicknameSyncRequestSchema = z.object({ jid: jidSchema, enabled: z.boolean() });
export type SetNicknameSyncRequest = z.infer<typeof setNicknameSyncRequestSchema>;

/** Starts "Only this device keeps access": both passwords are used for this run only, never kept. */
export const onlyThisDeviceRequestSchema = changePasswordRequestSchema;
export type OnlyThisDeviceRequest = z.input<typeof onlyThisDeviceRequestSchema>;
