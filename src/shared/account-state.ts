import { z } from "zod";

export const certificateProblemSchema = z.object({
  kind: z.literal("certificate"),
  /** SHA-256 of the DER certificate, upper-case hex pairs joined by colons. */
  fingerprint256: z.string(),
  subject: z.string(),
  issuer: z.string(),
  /** Why verification failed, e.g. a hostname mismatch or an unknown issuer. */
  reason: z.string(),
  /** The certificate differs from the one the user pinned earlier. */
  pinMismatch: z.boolean(),
});
export type CertificateProblem = z.infer<typeof certificateProblemSchema>;

export const accountErrorSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("auth-failed"), condition: z.string().optional(), text: z.string().optional() }),
  certificateProblemSchema,
  z.object({ kind: z.literal("network"), message: z.string(), code: z.string().optional() }),
  /** The server offers no TLS, or no sign-in mechanism Warden accepts. */
  z.object({ kind: z.literal("server-unsupported"), detail: z.string() }),
  z.object({ kind: z.literal("timeout") }),
  z.object({ kind: z.literal("invalid-jid"), detail: z.string() }),
  z.object({ kind: z.literal("internal"), message: z.string() }),
]);
export type AccountError = z.infer<typeof accountErrorSchema>;

/** Where the account's credentials live between launches. */
export const credentialStorageSchema = z.enum(["keychain", "none", "unavailable"]);
export type CredentialStorage = z.infer<typeof credentialStorageSchema>;

export const accountStateSchema = z.discriminatedUnion("status", [
  z.object({
    status: z.literal("signed-out"),
    /** The account last used on this device; `resume`: sign in again by itself (remembered, not signed out). */
    lastAccount: z.object({ jid: z.string(), resume: z.boolean() }).optional(),
  }),
  z.object({ status: z.literal("connecting"), jid: z.string() }),
  z.object({
    status: z.literal("online"),
    jid: z.string(),
    /** "unavailable": signed in, but nothing will be remembered because no keychain answered. */
    credentials: credentialStorageSchema,
  }),
  z.object({ status: z.literal("reconnecting"), jid: z.string(), attempt: z.number() }),
  /** The stored token expired or was revoked: only the password can sign in again. */
  z.object({ status: z.literal("password-needed"), jid: z.string(), reason: z.enum(["token-rejected", "no-stored-credentials"]) }),
  z.object({ status: z.literal("error"), jid: z.string().optional(), error: accountErrorSchema }),
]);
export type AccountState = z.infer<typeof accountStateSchema>;
