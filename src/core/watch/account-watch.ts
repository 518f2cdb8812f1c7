import { randomUUID } from "node:crypto";
import { ACTIVITY_MAX_ENTRIES, isAlert, type ActivityEntry, type AlertEntry } from "../../shared/activity.js";
import type { ClientList } from "../../shared/client-info.js";
import type { RevokeResult } from "../../shared/outcomes.js";
import type { SeenClient } from "../../shared/seen-client.js";
import type { Logger } from "../log.js";
import type { AccountRecords, SeenSnapshot } from "../records/account-records.js";
import { diffLists, snapshotOf } from "./list-diff.js";

type WithoutStamp<T> = T extends unknown ? Omit<T, "id" | "at"> : never;
/** An Activity entry before it is recorded: the recorder gives it its id and time. */
export type NewActivityEntry = WithoutStamp<ActivityEntry>;

/** The revoke took the entry off the list: nothing of it has access any more. */
export function tookOffTheList(result: RevokeResult): boolean {
  return result.ok && (result.value.outcome === "gone" || result.value.outcome === "already-gone");
}

export function stampEntry(entry: NewActivityEntry, now = Date.now()): ActivityEntry {
  return { ...entry, id: randomUUID(), at: now } as ActivityEntry;
}

export interface AccountWatchDeps {
  records: AccountRecords;
  /** Keeps and announces one Activity entry; never rejects. */
  record(entry: ActivityEntry): Promise<void>;
  alertsChanged(alerts: AlertEntry[]): void;
  log: Logger;
}

/**
 * One account's watch: compares every list the core gets with what it saw last (kept in the
 * records), records what changed in Activity, and keeps the alerts the user has not seen. Lists
 * are compared one at a time, in the order they arrive.
 */
export class AccountWatch {
  /** Settled once the last snapshot (with its unseen alerts) is read. */
  readonly ready: Promise<void>;
  readonly #deps: AccountWatchDeps;
  #snapshot: SeenSnapshot | undefined;
  #queue: Promise<void>;
  #lastFetchedAt = -Infinity;
  /** Ids Warden is revoking or revoked: their disappearance is that revoke's entry, not "gone". */
  readonly #removing = new Set<string>();
  /** Password changes under way: what leaves the list then is in the change's own entry. */
  #passwordChanges = 0;

  constructor(deps: AccountWatchDeps) {
    this.#deps = deps;
    this.ready = deps.records.readSeen().then(
      (snapshot) => {
        this.#snapshot = snapshot;
      },
      (error: unknown) => deps.log("warn", `could not read what the watch saw last (${describe(error)}): the next list is a new baseline`),
    );
    this.#queue = this.ready;
  }

  get alerts(): AlertEntry[] {
    return this.#snapshot?.unseenAlerts ?? [];
  }

  /** What the watch last saw listed under `id`. */
  seen(id: string): SeenClient | undefined {
    return this.#snapshot?.clients.find((client) => client.id === id);
  }

  /** Compares `list` with what was seen before, records the changes and keeps `list` as the new snapshot. */
  observe(list: ClientList): Promise<void> {
    return this.#serially(async () => {
      // A list older than one already compared (two requests crossing) says nothing new.
      if (list.fetchedAt < this.#lastFetchedAt) return;
      this.#lastFetchedAt = list.fetchedAt;
      const listed = new Set(list.clients.map((client) => client.id));
      const changes = diffLists(this.#snapshot?.clients, list).filter(
        (change) => change.kind !== "gone" || (!this.#removing.has(change.client.id) && this.#passwordChanges === 0),
      );
      for (const id of this.#removing) if (!listed.has(id)) this.#removing.delete(id);
      const added: AlertEntry[] = [];
      for (const change of changes) {
        const entry = stampEntry(change);
        await this.#deps.record(entry);
        if (isAlert(entry)) added.push(entry);
      }
      // Bounded like Activity, for a user who never looks.
      const unseenAlerts = [...this.alerts, ...added].slice(-ACTIVITY_MAX_ENTRIES);
      await this.#keep({ clients: snapshotOf(list), unseenAlerts }, added.length > 0);
    });
  }

  /** The user has seen the alerts (the caller announces it). */
  markSeen(): Promise<void> {
    return this.#serially(async () => {
      if (this.#snapshot === undefined || this.alerts.length === 0) return;
      await this.#keep({ ...this.#snapshot, unseenAlerts: [] }, false);
    });
  }

  /** Warden is about to revoke `id`: its leaving the list is not reported as "gone". */
  revoking(id: string): void {
    this.#removing.add(id);
  }

  /** The revoke of `id` ended; when it left the entry listed, a later disappearance is news again. */
  revoked(id: string, result: RevokeResult): void {
    if (!tookOffTheList(result)) this.#removing.delete(id);
  }

  /** Runs a password change: entries it cuts off are named by its own Activity entry, not as "gone". */
  async changingPassword<T>(change: () => Promise<T>): Promise<T> {
    this.#passwordChanges += 1;
    try {
      return await change();
    } finally {
      this.#passwordChanges -= 1;
    }
  }

  async #keep(snapshot: SeenSnapshot, alertsChanged: boolean): Promise<void> {
    this.#snapshot = snapshot;
    if (alertsChanged) this.#deps.alertsChanged(snapshot.unseenAlerts);
    await this.#deps.records.writeSeen(snapshot).catch((error: unknown) => this.#deps.log("warn", `could not keep what the watch saw (${describe(error)})`));
  }

  /** Resolves once every list handed in so far is compared and kept. */
  settled(): Promise<void> {
    return this.#queue;
  }

  #serially(step: () => Promise<void>): Promise<void> {
    const next = this.#queue.then(step).catch((error: unknown) => this.#deps.log("warn", `watch: ${describe(error)}`));
    this.#queue = next;
    return next;
  }
}

/** The user has seen the alerts of an account that is not being watched now. */
export async function clearUnseenAlerts(records: AccountRecords): Promise<boolean> {
  const snapshot = await records.readSeen();
  if (!snapshot || snapshot.unseenAlerts.length === 0) return false;
  await records.writeSeen({ ...snapshot, unseenAlerts: [] });
  return true;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
