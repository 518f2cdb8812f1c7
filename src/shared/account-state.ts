import { z } from "zod";

/**
 * What a connection to an account's server can prove, strongest protections Warden remembers per
 * account: a later connection that offers less is refused as a downgrade.
 *  - ca-verified-certificate: the certificate chain verified against the trust store (not a pin);
 *  - scram: a SCRAM mechanism (the password never crosses the wire);
 *  - channel-binding: SCRAM-SHA-1-PLUS bound to this TLS connection with tls-exporter;
 *  - fast-channel-binding: FAST with HT-SHA-256-EXPR (the token's proof is bound to the connection);
 *  - downgrade-protection: XEP-0474, the server signs the mechanism list it offered.
 */
export const PROTECTIONS = ["ca-verified-certificate", "scram", "channel-binding", "fast-channel-binding", "downgrade-protection"] as const;
export const protectionSchema = z.enum(PROTECTIONS);
export type Protection = z.infer<typeof protectionSchema>;

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
  /**
   * This account's server presented a CA-verified certificate before: no trust is offered, the
   * change can be an attack. Only "forget what Warden knows about this server" resets it.
   */
  caVerifiedBefore: z.boolean(),
});
export type CertificateProblem = z.infer<typeof certificateProblemSchema>;

export const accountErrorSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("auth-failed"), condition: z.string().optional(), text: z.string().optional() }),
  certificateProblemSchema,
  /**
   * The server could not be reached. `host`/`port`: what was tried, when the system said (a name
   * that did not resolve has only `host`); `message` is the system's own text, for "Details".
   */
  z.object({ kind: z.literal("network"), message: z.string(), code: z.string().optional(), host: z.string().optional(), port: z.number().optional() }),
  /** The server offers no TLS, or no sign-in mechanism Warden accepts. */
  z.object({ kind: z.literal("server-unsupported"), detail: z.string() }),
  /**
   * The stream was not safe to use: "no-encryption", the server offered no TLS; "no-authentication",
   * it offered to go on (bind, session) without asking the user to sign in. Nothing was sent.
   */
  z.object({ kind: z.literal("insecure-stream"), reason: z.enum(["no-encryption", "no-authentication"]) }),
  /** The server offered less than it did before for this account; `lost` says what is missing now. */
  z.object({ kind: z.literal("downgrade"), lost: z.array(protectionSchema) }),
  /** The server sent XML that is not well-formed, or a stanza over the size limit: disconnected. */
  z.object({ kind: z.literal("malformed-stream"), reason: z.enum(["not-well-formed", "too-large"]), detail: z.string() }),
  z.object({ kind: z.literal("timeout") }),
  z.object({ kind: z.literal("invalid-jid"), detail: z.string() }),
  z.object({ kind: z.literal("internal"), message: z.string() }),
]);
export type AccountError = z.infer<typeof accountErrorSchema>;

/** Where the account's credentials live between launches. */
export const credentialStorageSchema = z.enum(["keychain", "none", "unavailable"]);
export type CredentialStorage = z.infer<typeof credentialStorageSchema>;

export const accountStateSchema = z.discriminatedUnion("status", [
  /**
   * Known on this device, not connected: signed out, or not resumed at launch. `storedSignIn`: this
   * device keeps a sign-in for it (a token, or a password where the server has no tokens), so it
   * can continue without the password.
   */
  z.object({ status: z.literal("signed-out"), storedSignIn: z.literal(true).optional() }),
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
