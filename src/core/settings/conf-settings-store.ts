// SettingsStore on top of `conf` (browser/Node mode) or electron-store (Electron; it extends Conf).
//
// Policy for a bad file — decided here, relied on by the tests:
// 1. Reading never throws and never writes. The file is validated with the zod schema on every
//    read; what's invalid reads as its default, everything valid is kept.
// 2. The clientId survives anything short of its own value being damaged: if the file isn't JSON
//    at all (truncated, hand-edited), a UUID-shaped `"clientId": "…"` is recovered from its text.
// 3. The file is rewritten only by `update()`, i.e. when something has to be saved. If that write
//    would drop something the file holds (the file is unreadable, isn't JSON, or has invalid
//    fields), the file is first copied to `<path>.invalid-<timestamp>` so nothing is lost silently.
//    Top-level keys this version doesn't know (a newer Warden's, conf's `__internal__`) are kept.
// 4. The file (and any backup of it) is readable by its owner only (0600): it names the accounts,
//    their servers and pinned certificates. A file an older version left 0644 is tightened when a
//    store opens it and after every write.
import { chmodSync, copyFileSync, readFileSync } from "node:fs";
import Conf from "conf";
import { SETTINGS_KEYS, parseSettings } from "./settings-schema.js";
import type { Settings } from "./settings-schema.js";
import type { SettingsStore } from "./settings-store.js";

/**
 * What the adapter needs from its backend; `Conf` and electron-store's `Store` both have it.
 * Reading `store` returns the file's contents (and may throw); assigning it writes the file.
 * Create the backend with SETTINGS_BACKEND_OPTIONS: without `clearInvalidConfig` a non-JSON file
 * makes its constructor throw, and without `configFileMode` a new file is world-readable.
 */
export type SettingsBackend = {
  store: unknown;
  readonly path: string;
};

const UUID_IN_TEXT = /"clientId"\s*:\s*"([0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12})"/;
const KNOWN_KEYS: ReadonlySet<string> = new Set(SETTINGS_KEYS);

type Snapshot = {
  settings: Settings;
  /** The backend's object, when it could be read. */
  raw: Record<string, unknown> | undefined;
  /** Writing `settings` would lose something the file holds. */
  lossy: boolean;
};

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

/** Every defined value in `raw` is in `parsed`, unchanged. */
function keeps(raw: unknown, parsed: unknown): boolean {
  if (raw === undefined) return true;
  if (raw === null || typeof raw !== "object") return Object.is(raw, parsed);
  if (Array.isArray(raw)) {
    return Array.isArray(parsed) && raw.length === parsed.length && raw.every((value, i) => keeps(value, parsed[i]));
  }
  if (!isPlainObject(parsed)) return false;
  return Object.entries(raw).every(([key, value]) => keeps(value, parsed[key]));
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function parsesAsJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function timestamp(): string {
  return new Date().toISOString().replace(/[:.]/g, "-");
}

/** The settings file's permissions: read and write for its owner only. */
export const SETTINGS_FILE_MODE = 0o600;

/** How `Conf` and electron-store's `Store` must be created for `settingsStoreFromBackend`. */
export const SETTINGS_BACKEND_OPTIONS = {
  // A non-JSON file reads as {} instead of throwing; the adapter still sees the text (policy above).
  clearInvalidConfig: true,
  accessPropertiesByDotNotation: false,
  // Conf writes a temp file with this mode and renames it over the old one.
  configFileMode: SETTINGS_FILE_MODE,
} as const;

/**
 * Conf replaces the file atomically, so a rewrite comes out 0600; but under Snap (SNAP set) or
 * after EXDEV it writes in place, which keeps an old file's mode. No file yet, or a filesystem
 * without modes: nothing to tighten, and the settings are still usable.
 */
function restrictToOwner(path: string): void {
  try {
    chmodSync(path, SETTINGS_FILE_MODE);
  } catch {
    // Nothing to do: see above.
  }
}

/** Settings in the backend's file, kept owner-only (policy 4). */
export function settingsStoreFromBackend(backend: SettingsBackend): SettingsStore {
  restrictToOwner(backend.path);
  let backedUp = false;

  function snapshot(): Snapshot {
    let raw: Record<string, unknown> | undefined;
    let readFailed = false;
    try {
      const value = backend.store;
      raw = isPlainObject(value) ? value : {};
    } catch {
      readFailed = true;
    }
    const known = raw === undefined ? {} : Object.fromEntries(Object.entries(raw).filter(([k]) => KNOWN_KEYS.has(k)));
    const settings = parseSettings(known);
    let lossy = readFailed || !keeps(known, settings);

    // A backend that met a non-JSON file (clearInvalidConfig) hands back {}: look at the text.
    if (!lossy && raw !== undefined && Object.keys(raw).length === 0) {
      const text = readText(backend.path);
      if (text !== undefined && text.trim() !== "" && !parsesAsJson(text)) lossy = true;
    }
    if (settings.clientId === undefined && lossy) {
      const text = readText(backend.path);
      const found = text === undefined || parsesAsJson(text) ? undefined : UUID_IN_TEXT.exec(text)?.[1];
      if (found !== undefined) settings.clientId = found;
    }
    return { settings, raw, lossy };
  }

  return {
    get location() {
      return backend.path;
    },

    read() {
      return snapshot().settings;
    },

    update(fn) {
      const current = snapshot();
      const next = parseSettings(fn(structuredClone(current.settings)));
      if (current.lossy && !backedUp) {
        try {
          const backup = `${backend.path}.invalid-${timestamp()}`;
          copyFileSync(backend.path, backup);
          backedUp = true;
          // The copy takes the original's mode, which may be an old version's 0644.
          restrictToOwner(backup);
        } catch {
          // Nothing to copy (no file, or unreadable): the write goes ahead; it's what was asked for.
        }
      }
      const unknown = current.raw === undefined ? {} : Object.fromEntries(Object.entries(current.raw).filter(([k]) => !KNOWN_KEYS.has(k)));
      // JSON round trip: drop undefined-valued keys, so the file holds exactly what read() returns.
      const serialized = JSON.stringify({ ...unknown, ...next });
      // Nothing changed (a relaunch signing in again): no write, which would cost a file replace.
      if (!current.lossy && serialized === JSON.stringify(current.raw)) return next;
      backend.store = JSON.parse(serialized) as unknown;
      restrictToOwner(backend.path);
      return next;
    },
  };
}

export type ConfSettingsStoreOptions = {
  /** Directory for config.json; default: the OS config directory for `projectName` (e.g. ~/.config/warden). */
  cwd?: string;
  /** Names the default directory: an install of its own (the command line's) has its own. Default "warden". */
  projectName?: string;
};

/**
 * Settings in `<cwd>/config.json`. Throws only if the file exists but can't be opened at all
 * (permissions, a directory in its place); a file with invalid contents loads.
 */
export function createConfSettingsStore(options: ConfSettingsStoreOptions = {}): SettingsStore {
  const conf = new Conf<Record<string, unknown>>({
    projectName: options.projectName ?? "warden",
    projectSuffix: "",
    ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    ...SETTINGS_BACKEND_OPTIONS,
  });
  return settingsStoreFromBackend(conf);
}
