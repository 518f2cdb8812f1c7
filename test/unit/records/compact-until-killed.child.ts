// Child of killed-mid-write.test.ts: puts back ORIGINAL_FILE (atomically, by rename) and reads the
// Activity, which compacts it, over and over until it is killed; prints a line after each compaction.
import { copyFile, rename } from "node:fs/promises";
import { createActivityLog } from "../../../src/core/records/activity-log.js";

const { ACTIVITY_FILE: path, ORIGINAL_FILE: original } = process.env;
if (path === undefined || original === undefined) throw new Error("missing ACTIVITY_FILE or ORIGINAL_FILE");
for (;;) {
  await copyFile(original, `${path}.restoring`);
  await rename(`${path}.restoring`, path);
  await createActivityLog(path).read();
  process.stdout.write("compacted\n");
}
