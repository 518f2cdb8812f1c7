import { readFile } from "node:fs/promises";
import { z } from "zod";
import { activityEntrySchema, isAlert, type AlertEntry } from "../../shared/activity.js";
import { seenClientSchema } from "../../shared/seen-client.js";
import type { SeenSnapshot } from "./account-records.js";
import { isMissing, removeAtomicFile, writeFileAtomically } from "./atomic-file.js";

/** The watch's last snapshot of one account, in one file replaced whole on every write. */
export interface SeenStore {
  read(): Promise<SeenSnapshot | undefined>;
  write(snapshot: SeenSnapshot): Promise<void>;
  remove(): Promise<void>;
}

const SEEN_FORMAT_VERSION = 1;

// Items are checked one by one below, so one bad alert does not cost the others.
const seenFileSchema = z.object({
  version: z.literal(SEEN_FORMAT_VERSION),
  clients: z.array(z.unknown()),
  unseenAlerts: z.array(z.unknown()),
});

export function createSeenStore(path: string): SeenStore {
  async function read(): Promise<SeenSnapshot | undefined> {
    const text = await readFile(path, "utf8").catch((error: unknown) => {
      if (isMissing(error)) return undefined;
      throw error;
    });
    return text === undefined ? undefined : snapshotFrom(text);
  }

  async function write(snapshot: SeenSnapshot): Promise<void> {
    await writeFileAtomically(path, JSON.stringify({ version: SEEN_FORMAT_VERSION, ...snapshot }));
  }

  return { read, write, remove: () => removeAtomicFile(path) };
}

/**
 * A client list with any unreadable item is dropped whole (undefined: the next list is a baseline),
 * since a missing client would come back as a false "new sign-in". An unreadable alert is dropped alone.
 */
function snapshotFrom(text: string): SeenSnapshot | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const file = seenFileSchema.safeParse(value);
  if (!file.success) return undefined;
  const clients = z.array(seenClientSchema).safeParse(file.data.clients);
  if (!clients.success) return undefined;
  const unseenAlerts = file.data.unseenAlerts.flatMap((item): AlertEntry[] => {
    const parsed = activityEntrySchema.safeParse(item);
    return parsed.success && isAlert(parsed.data) ? [parsed.data] : [];
  });
  return { clients: clients.data, unseenAlerts };
}
