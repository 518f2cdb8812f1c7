import { open, readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { ACTIVITY_MAX_AGE_DAYS, ACTIVITY_MAX_ENTRIES, activityEntrySchema, type ActivityEntry } from "../../shared/activity.js";
import { isMissing, RECORD_FILE_MODE, removeAtomicFile, syncFolder, writeFileAtomically } from "./atomic-file.js";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Lines the file may hold beyond the entries still kept before it is rewritten: appends stay one
 * line each, and the file stays bounded (at most the cap plus this).
 */
const COMPACT_AFTER_EXTRA_LINES = ACTIVITY_MAX_ENTRIES / 2;

/** The Activity policy: nothing older than ACTIVITY_MAX_AGE_DAYS, and the newest ACTIVITY_MAX_ENTRIES. */
export function keptActivity(entries: readonly ActivityEntry[], now: number): ActivityEntry[] {
  const oldest = now - ACTIVITY_MAX_AGE_DAYS * DAY_MS;
  return entries.filter((entry) => entry.at >= oldest).slice(-ACTIVITY_MAX_ENTRIES);
}

/** One account's Activity, one JSON line per entry. Calls must not overlap (the caller queues them). */
export interface ActivityLog {
  append(entry: ActivityEntry): Promise<void>;
  /** Oldest first; lines a crash tore or anything else unreadable are skipped. */
  read(): Promise<ActivityEntry[]>;
  clear(): Promise<void>;
}

/** What is known of the file since it was last read: lines in it, and whether its last line is complete. */
type FileState = { lines: number; endsWithNewline: boolean };

export function createActivityLog(path: string): ActivityLog {
  // Unknown until the file is first read, and again after a failed write (which may have torn a line).
  let state: FileState | undefined;

  /**
   * Reads the file, and rewrites it with only the kept entries when it holds many more. A failed
   * rewrite changes nothing (the old file stays) and is tried again next time: what was read is
   * still the answer, and an append that led here is already safely written.
   */
  async function load(): Promise<{ kept: ActivityEntry[]; file: FileState }> {
    const text = await readFile(path, "utf8").catch((error: unknown) => {
      if (isMissing(error)) return "";
      throw error;
    });
    const lines = text.split("\n").filter((line) => line.trim() !== "");
    const kept = keptActivity(lines.flatMap(parseLine), Date.now());
    let file: FileState = { lines: lines.length, endsWithNewline: text === "" || text.endsWith("\n") };
    if (file.lines - kept.length > COMPACT_AFTER_EXTRA_LINES) {
      const compacted = await writeFileAtomically(path, kept.map(lineOf).join("")).then(
        () => true,
        () => false,
      );
      if (compacted) file = { lines: kept.length, endsWithNewline: true };
    }
    state = file;
    return { kept, file };
  }

  async function read(): Promise<ActivityEntry[]> {
    return (await load()).kept;
  }

  async function append(entry: ActivityEntry): Promise<void> {
    const known = state ?? (await load()).file;
    // A torn last line is ended first, so the new entry is a line of its own (the torn one is skipped).
    const line = (known.endsWithNewline ? "" : "\n") + lineOf(entry);
    state = undefined;
    const file = await open(path, "a", RECORD_FILE_MODE);
    try {
      // appendFile, unlike one write(), keeps writing until the whole line is out.
      await file.appendFile(line, "utf8");
      await file.datasync();
    } finally {
      await file.close();
    }
    // The first line may have created the file.
    if (known.lines === 0) await syncFolder(dirname(path));
    state = { lines: known.lines + 1, endsWithNewline: true };
    if (state.lines > ACTIVITY_MAX_ENTRIES + COMPACT_AFTER_EXTRA_LINES) await load();
  }

  async function clear(): Promise<void> {
    state = undefined;
    await removeAtomicFile(path);
    state = { lines: 0, endsWithNewline: true };
  }

  return { append, read, clear };
}

function lineOf(entry: ActivityEntry): string {
  return `${JSON.stringify(entry)}\n`;
}

function parseLine(line: string): ActivityEntry[] {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return [];
  }
  const parsed = activityEntrySchema.safeParse(value);
  return parsed.success ? [parsed.data] : [];
}
