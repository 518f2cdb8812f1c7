// Child of killed-mid-write.test.ts: appends Activity entries for one account until it is killed,
// printing each entry's id once its append has resolved.
import { createFileRecords } from "../../../src/core/records/file-records.js";
import { newSignIn } from "./activity-entries.js";

const dir = process.env.RECORDS_DIR;
if (dir === undefined) throw new Error("missing RECORDS_DIR");
const account = createFileRecords(dir).forAccount("alice@example.org");
// Long lines, so that a kill has a fair chance of landing while one is being written.
const device = "d".repeat(8_192);
for (let i = 0; ; i++) {
  await account.appendActivity(newSignIn(String(i), { device }));
  process.stdout.write(`${i}\n`);
}
