// The desktop app's own updates, from the project's GitHub releases through electron-updater, as
// the core's UpdatesPort. What the user sees:
// - checked at launch and then every 24 hours while "Keep Warden up to date" is on; a newer version
//   downloads in the background;
// - installed only when the user presses "Restart to update", or when the user quits Warden (the
//   installer then runs as Warden exits and the next start is the new version: no restart the user
//   did not ask for, so autoInstallOnAppQuit stays on);
// - turned off: no checks, no downloads, nothing installed on quit.
// An unpackaged run (development, the e2e-electron suite) has no update feed: the setting still
// works, and the state stays "idle" (or "off") without ever checking.
//
// The updater is handed in (main.ts passes electron-updater's autoUpdater), so the mapping here is
// tested with a stand-in for it; only the types come from electron-updater.
import type { AppUpdater, ProgressInfo, UpdateInfo } from "electron-updater";
import type { AppUpdaterEvents } from "electron-updater/out/AppUpdater.js";
import type { UpdatesPort } from "../src/core/updates/updates-port.js";
import type { UpdateState } from "../src/shared/updates.js";

export const CHECK_INTERVAL_MS = 24 * 60 * 60 * 1000;
/** The longest error detail kept: enough for a sentence, never a dump of a response. */
const MAX_ERROR_LENGTH = 200;

/** What of electron-updater's AppUpdater this module uses (its `on` without the chaining). */
export type Updater = Pick<AppUpdater, "autoDownload" | "autoInstallOnAppQuit" | "checkForUpdates" | "quitAndInstall" | "logger"> & {
  on<E extends keyof AppUpdaterEvents>(event: E, listener: AppUpdaterEvents[E]): unknown;
};

export interface AutoUpdateOptions {
  /** Null: this run is not a packaged app, there is nothing to update from. */
  updater: Updater | null;
  /** Runs just before the updater closes the windows (a window that hides to the tray instead would hold the update up). */
  beforeRestart: () => void;
  log: (message: string) => void;
}

/**
 * An error's first line in words, without addresses: an update server's URL can carry a token or a
 * signed query, and a response dump its headers.
 */
export function updateErrorMessage(error: unknown): string {
  const raw = error instanceof Error ? error.message : typeof error === "string" ? error : "";
  const firstLine = raw.split(/\r?\n/, 1)[0] ?? "";
  const words = firstLine
    .replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s"'<>]+/gi, "(address)")
    .replace(/\s+/g, " ")
    .trim();
  if (words === "") return "The update could not be checked or downloaded.";
  return words.length > MAX_ERROR_LENGTH ? `${words.slice(0, MAX_ERROR_LENGTH - 1)}…` : words;
}

/** A download's progress as a whole percentage within 0–100, or none when the updater gave no number. */
export function downloadPercent(progress: Pick<ProgressInfo, "percent">): number | undefined {
  const { percent } = progress;
  return Number.isFinite(percent) ? Math.min(100, Math.max(0, Math.round(percent))) : undefined;
}

export function createAutoUpdate({ updater, beforeRestart, log }: AutoUpdateOptions): UpdatesPort {
  let state: UpdateState = { status: "off" };
  let enabled = false;
  let timer: ReturnType<typeof setInterval> | undefined;
  const listeners = new Set<(state: UpdateState) => void>();

  function move(next: UpdateState): void {
    if (JSON.stringify(next) === JSON.stringify(state)) return;
    state = next;
    for (const listener of listeners) listener(next);
  }

  /** What the updater reports counts only while updating is on (a late event after turning it off changes nothing). */
  function whileEnabled<A extends unknown[]>(handle: (...args: A) => void): (...args: A) => void {
    return (...args) => {
      if (enabled) handle(...args);
    };
  }

  function failed(error: unknown): void {
    const message = updateErrorMessage(error);
    log(`warden: update: ${message}`);
    move({ status: "error", message });
  }

  function check(): void {
    // A download under way or one waiting for the restart is not checked over.
    if (!updater || state.status === "checking" || state.status === "downloading" || state.status === "ready") return;
    // The updater reports the failure as an "error" event too; this catch keeps it from being unhandled.
    updater.checkForUpdates().catch(whileEnabled(failed));
  }

  if (updater) {
    // Its own log repeats errors with the addresses and headers updateErrorMessage leaves out; failed() logs them.
    updater.logger = null;
    updater.on("checking-for-update", whileEnabled(() => move({ status: "checking" })));
    updater.on("update-available", whileEnabled((info: UpdateInfo) => move({ status: "downloading", version: info.version })));
    updater.on(
      "download-progress",
      whileEnabled((progress: ProgressInfo) => {
        if (state.status !== "downloading") return;
        const percent = downloadPercent(progress);
        move({ status: "downloading", version: state.version, ...(percent !== undefined ? { percent } : {}) });
      }),
    );
    updater.on("update-downloaded", whileEnabled((info: UpdateInfo) => move({ status: "ready", version: info.version })));
    updater.on("update-not-available", whileEnabled(() => move({ status: "idle", lastChecked: Date.now() })));
    updater.on("error", whileEnabled(failed));
  }

  return {
    get state() {
      return state;
    },

    setEnabled(next) {
      if (updater) {
        updater.autoDownload = next;
        updater.autoInstallOnAppQuit = next;
      }
      if (next === enabled) return;
      enabled = next;
      clearInterval(timer);
      timer = undefined;
      if (!next) {
        move({ status: "off" });
        return;
      }
      move({ status: "idle" });
      if (!updater) return;
      check();
      timer = setInterval(check, CHECK_INTERVAL_MS);
    },

    restart() {
      if (!updater || !enabled || state.status !== "ready") return false;
      beforeRestart();
      updater.quitAndInstall();
      return true;
    },

    on(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
