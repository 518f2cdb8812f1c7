// The OS keychain: macOS Keychain, Windows Credential Manager, Linux Secret Service.
//
// Every failure (the native module missing, no D-Bus session, a locked or absent keyring, a
// timeout, a thrown anything) resolves to `KeychainUnavailable`; nothing here throws or rejects.
// There is no fallback of any kind: when no keychain answers, nothing is stored.
import type { AsyncEntry, EntryOptions } from "@napi-rs/keyring";
import { err, ok } from "../../shared/result.js";
import type { Result } from "../../shared/result.js";

export type KeychainUnavailable = { kind: "keychain-unavailable"; detail: string };

export interface Keychain {
  /** The secret stored under `key`, or null when there is none. */
  get(key: string): Promise<Result<string | null, KeychainUnavailable>>;
  set(key: string, secret: string): Promise<Result<null, KeychainUnavailable>>;
  /** True when a secret was removed, false when there was none. */
  delete(key: string): Promise<Result<boolean, KeychainUnavailable>>;
}

/** The part of @napi-rs/keyring this module uses; injectable for tests. */
export type KeyringModule = {
  AsyncEntry: new (service: string, account: string, options?: EntryOptions | null) => AsyncEntry;
};

export type OsKeychainOptions = {
  /**
   * Give up on one call after this long (a keychain may be waiting on an unlock prompt).
   * Default 60 s.
   */
  timeoutMs?: number;
  /** Defaults to `import("@napi-rs/keyring")`, loaded on first use so a broken binary can't crash startup. */
  loadModule?: () => Promise<KeyringModule>;
};

/**
 * On Linux the keyring crate otherwise falls back to the kernel keyring (keyutils) when the
 * Secret Service is unreachable: that keeps secrets only until logout or reboot, so "remember me"
 * would silently not remember. Pin the Secret Service; it fails instead. Ignored elsewhere.
 */
const ENTRY_OPTIONS: EntryOptions = { linux: { store: "secret-service" } };

const MAX_DETAIL = 500;

export function unavailable(detail: string): KeychainUnavailable {
  return { kind: "keychain-unavailable", detail };
}

/** Describe a thrown value without ever echoing the secret. */
function describe(operation: string, key: string, error: unknown, secret?: string): KeychainUnavailable {
  let message: string;
  try {
    message = error instanceof Error ? error.message : String(error);
  } catch {
    message = "unknown error";
  }
  if (secret !== undefined && secret.length > 0) message = message.split(secret).join("[redacted]");
  let detail = `${operation} "${key}": ${message || "unknown error"}`;
  if (detail.length > MAX_DETAIL) detail = `${detail.slice(0, MAX_DETAIL - 1)}…`;
  return unavailable(detail);
}

export function createOsKeychain(service = "Warden", options: OsKeychainOptions = {}): Keychain {
  const timeoutMs = options.timeoutMs ?? 60_000;
  const loadModule = options.loadModule ?? (async () => (await import("@napi-rs/keyring")) as KeyringModule);
  let modulePromise: Promise<KeyringModule> | undefined;
  // Creating an entry blocks the event loop while it reaches the store (~10 ms over D-Bus here);
  // reading, writing and deleting through it are quick. So each key's entry is made once.
  const entries = new Map<string, AsyncEntry>();

  async function run<T>(
    operation: "get" | "set" | "delete",
    key: string,
    call: (entry: AsyncEntry, signal: AbortSignal) => Promise<T>,
    secret?: string,
  ): Promise<Result<T, KeychainUnavailable>> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => {
        controller.abort();
        resolve("timeout");
      }, timeoutMs);
      timer.unref?.();
    });
    try {
      modulePromise ??= loadModule();
      const work = (async () => {
        const mod = await modulePromise;
        let entry = entries.get(key);
        if (!entry) {
          entry = new mod.AsyncEntry(service, key, ENTRY_OPTIONS);
          entries.set(key, entry);
        }
        return { value: await call(entry, controller.signal) };
      })();
      // A late rejection after the timeout must not become an unhandled rejection.
      work.catch(() => undefined);
      const outcome = await Promise.race([work, timeout]);
      if (outcome === "timeout") return err(unavailable(`${operation} "${key}": no answer within ${timeoutMs} ms`));
      return ok(outcome.value);
    } catch (error) {
      return err(describe(operation, key, error, secret));
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    get: (key) => run("get", key, async (entry, signal) => (await entry.getPassword(signal)) ?? null),
    set: (key, secret) =>
      run(
        "set",
        key,
        async (entry, signal) => {
          await entry.setPassword(secret, signal);
          return null;
        },
        secret,
      ),
    delete: (key) => run("delete", key, (entry, signal) => entry.deletePassword(signal)),
  };
}
