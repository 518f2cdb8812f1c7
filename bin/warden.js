#!/usr/bin/env node
// The `warden` command. The repository runs TypeScript through tsx: register its loader, then run
// the command line's source.
import { register } from "tsx/esm/api";

register();
await import("../cli/main.ts");
