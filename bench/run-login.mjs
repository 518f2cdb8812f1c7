// `npm run bench:login`: bench/login.ts (time to online) in the environment of bench/env.mjs
// (test CA trusted at process start, D-Bus session with its own unlocked gnome-keyring).
import { runInBenchSession } from "./env.mjs";

process.exit(await runInBenchSession('exec npx tsx bench/login.ts "$@"', process.argv.slice(2)));
