// The real client manager over the in-memory keychain and settings doubles, for tests of what sits
// in front of it (dispatcher, hosts) where neither the OS keychain nor a settings file is the point.
// Call it inside a test: it is disposed when that test finishes.
import { onTestFinished } from "vitest";
import { createClientManager, type ClientManager } from "../../src/core/client-manager.js";
import type { SettingsStore } from "../../src/core/settings/settings-store.js";
import { createMemoryKeychain } from "./memory-keychain.js";
import { createMemoryRecords } from "./memory-records.js";
import { createMemorySettingsStore } from "./memory-settings-store.js";

export function createMemoryClientManager(): { core: ClientManager; settings: SettingsStore } {
  const settings = createMemorySettingsStore();
  const core = createClientManager({ settings, keychain: createMemoryKeychain(), records: createMemoryRecords(), log: () => {} });
  onTestFinished(() => core.dispose());
  return { core, settings };
}
