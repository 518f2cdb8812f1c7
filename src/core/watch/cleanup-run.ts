import type { ClientInfo, ClientList } from "../../shared/client-info.js";
import { cleanupCandidates } from "../../shared/inactivity.js";
import type { RevokeResult } from "../../shared/outcomes.js";
import { tookOffTheList, type NewActivityEntry } from "./account-watch.js";

export interface CleanupDeps {
  /** Revokes one entry the way the user's revoke does, and records it as revoked by the cleanup rule. */
  revoke(client: ClientInfo): Promise<RevokeResult>;
  record(entry: NewActivityEntry): Promise<unknown>;
  now(): number;
}

/**
 * One account's cleanup rule: after a watch tick, revokes what has been inactive for longer than
 * the rule's days (never this device, never a connected client), one at a time, then records one
 * summary. Never runs twice at once. An entry the rule could not remove (one that knows the
 * password stays listed until the password changes) is not tried again until it is used again.
 */
export class CleanupRule {
  readonly #deps: CleanupDeps;
  #running = false;
  /** `id@lastSeen` of entries already tried and still listed. */
  readonly #tried = new Set<string>();

  constructor(deps: CleanupDeps) {
    this.#deps = deps;
  }

  /** Resolves true when it revoked something. */
  async run(list: ClientList, days: number): Promise<boolean> {
    if (this.#running) return false;
    this.#running = true;
    try {
      const candidates = cleanupCandidates(list.clients, days, this.#deps.now()).filter((client) => !this.#tried.has(triedKey(client)));
      if (candidates.length === 0) return false;
      let removedCount = 0;
      for (const client of candidates) {
        const result = await this.#deps.revoke(client);
        if (tookOffTheList(result)) removedCount += 1;
        // Tried again next time only when the server could not answer or asked to retry later.
        else if (result.ok && !(result.value.outcome === "failed" && result.value.retryLater)) this.#tried.add(triedKey(client));
      }
      await this.#deps.record({ kind: "cleanup-run", days, removed: removedCount, notRemoved: candidates.length - removedCount });
      return true;
    } finally {
      this.#running = false;
    }
  }
}

const triedKey = (client: ClientInfo) => `${client.id}@${client.lastSeen ?? client.firstSeen ?? ""}`;
