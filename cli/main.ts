// Entry point of the `warden` command (bin/warden.js loads it through tsx).
import { stop } from "./output.js";
import { EXIT, failure } from "./exit-codes.js";
import { runWarden } from "./program.js";

runWarden(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => process.exit(stop(failure(EXIT.refused, `unexpected error: ${error instanceof Error ? error.message : String(error)}`))),
);
