import type { ActivityEntry, AlertEntry } from "../../shared/activity.js";
import type { SeenClient } from "../../shared/seen-client.js";

/** What the watch compares the next list with, and the alerts the user has not seen yet. */
export type SeenSnapshot = { clients: SeenClient[]; unseenAlerts: AlertEntry[] };

/**
 * One account's local records: its Activity (append-only, capped) and what the watch saw last.
 * Nothing secret. Reading never throws for damaged content (what is readable is kept); a failed
 * write (disk full, permissions) rejects.
 */
export interface AccountRecords {
  appendActivity(entry: ActivityEntry): Promise<void>;
  /** Oldest first. */
  readActivity(): Promise<ActivityEntry[]>;
  clearActivity(): Promise<void>;
  /** Undefined before the account's first list: that list is the baseline. */
  readSeen(): Promise<SeenSnapshot | undefined>;
  writeSeen(snapshot: SeenSnapshot): Promise<void>;
}

export interface RecordsStore {
  forAccount(jid: string): AccountRecords;
  /** Deletes everything kept for the account (Remove account). */
  removeAccount(jid: string): Promise<void>;
  /** Where the records live (a folder, or a description for an in-memory store). */
  readonly location: string;
}
