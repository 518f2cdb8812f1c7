// One XEP-0484 FAST token per account, in the keychain, as the JSON that the FAST step's
// `saveToken(token)` receives (src/core/sasl/fast.ts): mechanism, token, expiry.
import { z } from "zod";
import { err, ok } from "../../shared/result.js";
import type { Result } from "../../shared/result.js";
import { normalizeBareJid } from "./bare-jid.js";
import type { CredentialStoreError } from "./errors.js";
import type { Keychain } from "./keychain.js";

export const fastTokenSchema = z.object({
  /** The SASL mechanism the token is bound to, e.g. "HT-SHA-256-NONE". */
  mechanism: z.string().min(1),
  token: z.string().min(1),
  /** ISO 8601, as the server sent it. */
  expiry: z.string().refine((s) => !Number.isNaN(Date.parse(s)), "not a date"),
});
export type FastToken = z.infer<typeof fastTokenSchema>;

export interface FastTokenStore {
  save(jid: string, token: FastToken): Promise<Result<null, CredentialStoreError>>;
  /** Null when none is stored; a stored value that isn't a valid token is deleted and reported as none. */
  fetch(jid: string): Promise<Result<FastToken | null, CredentialStoreError>>;
  /** True when a token was removed. */
  delete(jid: string): Promise<Result<boolean, CredentialStoreError>>;
}

export const FAST_TOKEN_KEY_PREFIX = "fast-token:";

/** The keychain key for `jid`'s token, or null for a JID that isn't one. */
export function fastTokenKey(jid: string): string | null {
  const bare = normalizeBareJid(jid);
  return bare === null ? null : `${FAST_TOKEN_KEY_PREFIX}${bare}`;
}

function invalidJid(): { ok: false; error: CredentialStoreError } {
  return err({ kind: "invalid-credential", detail: "not a bare JID of the form user@domain" });
}

export function createFastTokenStore(keychain: Keychain): FastTokenStore {
  return {
    async save(jid, token) {
      const key = fastTokenKey(jid);
      if (key === null) return invalidJid();
      const parsed = fastTokenSchema.safeParse(token);
      if (!parsed.success) {
        // Name the fields only: the values may include the token.
        const fields = [...new Set(parsed.error.issues.map((i) => i.path.join(".") || "token"))].join(", ");
        return err({ kind: "invalid-credential", detail: `FAST token is missing or has an invalid ${fields}` });
      }
      const { mechanism, token: secret, expiry } = parsed.data;
      return keychain.set(key, JSON.stringify({ mechanism, token: secret, expiry }));
    },

    async fetch(jid) {
      const key = fastTokenKey(jid);
      if (key === null) return invalidJid();
      const stored = await keychain.get(key);
      if (!stored.ok) return stored;
      if (stored.value === null) return ok(null);
      let json: unknown;
      try {
        json = JSON.parse(stored.value);
      } catch {
        json = undefined;
      }
      const parsed = fastTokenSchema.safeParse(json);
      if (parsed.success) return ok(parsed.data);
      // Garbage: nobody can use it, so remove it. The read worked; a failed delete changes nothing
      // for the caller, who signs in with the password and saves a fresh token over it.
      await keychain.delete(key);
      return ok(null);
    },

    async delete(jid) {
      const key = fastTokenKey(jid);
      if (key === null) return invalidJid();
      return keychain.delete(key);
    },
  };
}
