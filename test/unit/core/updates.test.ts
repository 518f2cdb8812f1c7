// The desktop app's own updates as the core carries them: the host's update state reaches every
// window (getState and "update-changed"), the user's setting turns checking on and off, and a
// restart happens only when the user asks and an update is ready.
import { EventEmitter } from "node:events";
import { describe, expect, it, onTestFinished } from "vitest";
import { createClientManager } from "../../../src/core/client-manager.js";
import type { UpdatesPort } from "../../../src/core/updates/updates-port.js";
import type { UpdateState } from "../../../src/shared/updates.js";
import type { ClientManagerEvents } from "../../../src/shared/api.js";
import { createMemoryKeychain } from "../../doubles/memory-keychain.js";
import { createMemoryRecords } from "../../doubles/memory-records.js";
import { createMemoryClientManager } from "../../doubles/memory-client-manager.js";
import { createMemorySettingsStore } from "../../doubles/memory-settings-store.js";

/** Fake: electron-updater cannot run outside a packaged app. Records what the core asked of it. */
class FakeUpdatesPort implements UpdatesPort {
  state: UpdateState = { status: "idle" };
  enabledCalls: boolean[] = [];
  restarts = 0;
  private readonly emitter = new EventEmitter<{ state: [UpdateState] }>();

  setEnabled(enabled: boolean): void {
    this.enabledCalls.push(enabled);
    this.move(enabled ? { status: "idle" } : { status: "off" });
  }
  restart(): boolean {
    if (this.state.status !== "ready") return false;
    this.restarts += 1;
    return true;
  }
  on(listener: (state: UpdateState) => void): () => void {
    this.emitter.on("state", listener);
    return () => void this.emitter.off("state", listener);
  }
  /** What the host's updater would report. */
  move(state: UpdateState): void {
    this.state = state;
    this.emitter.emit("state", state);
  }
}

function coreWithUpdates(storedSettings: unknown = {}) {
  const port = new FakeUpdatesPort();
  const settings = createMemorySettingsStore(storedSettings);
  const core = createClientManager({ settings, keychain: createMemoryKeychain(), records: createMemoryRecords(), log: () => {}, updates: port });
  onTestFinished(() => core.dispose());
  const seen: ClientManagerEvents["update-changed"][] = [];
  core.on("update-changed", (payload) => seen.push(payload));
  return { core, port, settings, seen };
}

describe("updates in the core", () => {
  it("turns updating on at launch unless the user turned it off", () => {
    expect(coreWithUpdates().port.enabledCalls).toEqual([true]);
    expect(coreWithUpdates({ autoUpdate: false }).port.enabledCalls).toEqual([false]);
  });

  it("hands every state the host reports to the windows, and the latest with the state", async () => {
    const { core, port, seen } = coreWithUpdates();
    const states: UpdateState[] = [
      { status: "checking" },
      { status: "downloading", version: "1.2.3" },
      { status: "downloading", version: "1.2.3", percent: 40 },
      { status: "ready", version: "1.2.3" },
    ];
    for (const state of states) port.move(state);
    expect(seen).toEqual(states.map((updates) => ({ updates })));
    expect(await core.getState()).toMatchObject({ ok: true, value: { updates: { status: "ready", version: "1.2.3" }, preferences: { autoUpdate: true } } });
  });

  it("keeps the setting, tells the host and the windows when the user turns updates off and on", async () => {
    const { core, port, settings, seen } = coreWithUpdates();
    const preferences: ClientManagerEvents["preferences-changed"][] = [];
    core.on("preferences-changed", (payload) => preferences.push(payload));

    expect(await core.setPreferences({ autoUpdate: false })).toEqual({ ok: true, value: null });
    expect(settings.read().autoUpdate).toBe(false);
    expect(port.enabledCalls).toEqual([true, false]);
    expect(seen.at(-1)).toEqual({ updates: { status: "off" } });
    expect(preferences.at(-1)?.preferences.autoUpdate).toBe(false);
    expect(await core.getState()).toMatchObject({ ok: true, value: { updates: { status: "off" }, preferences: { autoUpdate: false } } });

    await core.setPreferences({ autoUpdate: true });
    expect(port.enabledCalls).toEqual([true, false, true]);
    expect(settings.read().autoUpdate).toBe(true);
    // Another preference leaves updating as it is.
    await core.setPreferences({ inactiveAfterDays: 60 });
    expect(port.enabledCalls).toEqual([true, false, true]);
  });

  it("restarts only when the user asks and an update is ready", async () => {
    const { core, port } = coreWithUpdates();
    for (const state of [{ status: "idle" }, { status: "checking" }, { status: "downloading", version: "1.2.3", percent: 99 }, { status: "error", message: "offline" }, { status: "off" }] as const) {
      port.move(state);
      expect(await core.restartToUpdate()).toMatchObject({ ok: false, error: { kind: "invalid-request", detail: "No update is ready to install yet." } });
    }
    expect(port.restarts).toBe(0);
    port.move({ status: "ready", version: "1.2.3" });
    // Being ready is not a restart: only the call is.
    expect(port.restarts).toBe(0);
    expect(await core.restartToUpdate()).toEqual({ ok: true, value: null });
    expect(port.restarts).toBe(1);
  });

  it("shows nothing of updates where the host does not update itself, and refuses the setting", async () => {
    const { core, settings } = createMemoryClientManager();
    const state = await core.getState();
    expect(state.ok && state.value).not.toHaveProperty("updates");
    expect(state.ok && state.value.preferences).not.toHaveProperty("autoUpdate");
    expect(await core.setPreferences({ autoUpdate: false })).toEqual({
      ok: false,
      error: { kind: "invalid-request", detail: "This version of Warden does not update itself." },
    });
    expect(settings.read().autoUpdate).toBe(true);
    expect(await core.restartToUpdate()).toMatchObject({ ok: false, error: { kind: "invalid-request" } });
  });

  it("stops passing the host's states on once disposed", async () => {
    const { core, port, seen } = coreWithUpdates();
    await core.dispose();
    port.move({ status: "checking" });
    expect(seen).toEqual([]);
  });
});
