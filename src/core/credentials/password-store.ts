// The account password, kept only when the server offers no FAST and the user asked to be
// remembered (the caller decides; settings' `passwordInKeychain` records that it did).
import { err } from "../../shared/result.js";
import type { Result } from "../../shared/result.js";
import { normalizeBareJid } from "./bare-jid.js";
import type { CredentialStoreError } from "./errors.js";
import type { Keychain } from "./keychain.js";

export interface PasswordStore {
  save(jid: string, password: string): Promise<Result<null, CredentialStoreError>>;
  fetch(jid: string): Promise<Result<string | null, CredentialStoreError>>;
  delete(jid: string): Promise<Result<boolean, CredentialStoreError>>;
}

export const PASSWORD_KEY_PREFIX = "password:";

export function passwordKey(jid: string): string | null {
  const bare = normalizeBareJid(jid);
  return bare === null ? null : `${PASSWORD_KEY_PREFIX}${bare}`;
}

function invalidJid(): { ok: false; error: CredentialStoreError } {
  return err({ kind: "invalid-credential", detail: "not a bare JID of the form user@domain" });
}

export function createPasswordStore(keychain: Keychain): PasswordStore {
  return {
    async save(jid, password) {
      const key = passwordKey(jid);
      if (key === null) return invalidJid();
      if (typeof password !== "string" || password.length === 0) {
        return err({ kind: "invalid-credential", detail: "empty password" });
      }
      return keychain.set(key, password);
    },
    async fetch(jid) {
      const key = passwordKey(jid);
      if (key === null) return invalidJid();
      const stored = await keychain.get(key);
      // An empty string can't sign in; treat it as absent.
      if (stored.ok && stored.value === "") return { ok: true, value: null };
      return stored;
    },
    async delete(jid) {
      const key = passwordKey(jid);
      if (key === null) return invalidJid();
      return keychain.delete(key);
    },
  };
}
