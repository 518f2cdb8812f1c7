// Test double: a keychain kept in memory, for tests of code that uses one where the real OS keychain
// is not the point.
import type { Keychain } from "../../src/core/credentials/keychain.js";
import { ok } from "../../src/shared/result.js";

export function createMemoryKeychain(): Keychain {
  const entries = new Map<string, string>();
  return {
    get: async (key) => ok(entries.get(key) ?? null),
    set: async (key, secret) => {
      entries.set(key, secret);
      return ok(null);
    },
    delete: async (key) => ok(entries.delete(key)),
  };
}
