// Test double: the real settings store (schema, repair, write policy) over a backend held in memory
// instead of a config file, for tests where the file is not the point.
import { settingsStoreFromBackend } from "../../src/core/settings/conf-settings-store.js";
import type { SettingsStore } from "../../src/core/settings/settings-store.js";

/** No file has this path: the store's reads of the file's text and its chmod find nothing. */
const NO_FILE = ":memory:";

export function createMemorySettingsStore(initial: unknown = {}): SettingsStore {
  let data: unknown = structuredClone(initial);
  return settingsStoreFromBackend({
    get store() {
      return structuredClone(data);
    },
    set store(value) {
      data = structuredClone(value);
    },
    path: NO_FILE,
  });
}
