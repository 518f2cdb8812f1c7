// Records kept in memory, for tests where neither Activity nor the watch's files are the point.
// Same policy as the files (capped by count and age); entries are copied in and out, as a file would.
import type { AccountRecords, RecordsStore, SeenSnapshot } from "../../src/core/records/account-records.js";
import { keptActivity } from "../../src/core/records/activity-log.js";
import { normalizeBareJid } from "../../src/core/credentials/bare-jid.js";
import type { ActivityEntry } from "../../src/shared/activity.js";

export function createMemoryRecords(): RecordsStore {
  const activity = new Map<string, ActivityEntry[]>();
  const seen = new Map<string, SeenSnapshot>();
  const keyOf = (jid: string) => normalizeBareJid(jid) ?? jid;

  function forAccount(jid: string): AccountRecords {
    const key = keyOf(jid);
    return {
      appendActivity: async (entry) => void activity.set(key, keptActivity([...(activity.get(key) ?? []), structuredClone(entry)], Date.now())),
      readActivity: async () => structuredClone(keptActivity(activity.get(key) ?? [], Date.now())),
      clearActivity: async () => void activity.delete(key),
      readSeen: async () => structuredClone(seen.get(key)),
      writeSeen: async (snapshot) => void seen.set(key, structuredClone(snapshot)),
    };
  }

  return {
    forAccount,
    removeAccount: async (jid) => {
      activity.delete(keyOf(jid));
      seen.delete(keyOf(jid));
    },
    location: "(in memory)",
  };
}
