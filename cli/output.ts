// stdout carries the command's result (a table, a sentence, or --json); stderr carries what went wrong.
import type { ExitCode, Failure } from "./exit-codes.js";

export function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

/** Exactly the shared schema's JSON, one document per command. */
export function sayJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

export function complain(message: string): void {
  process.stderr.write(`warden: ${message}\n`);
}

/** Says why the command stops, and gives the status it exits with. */
export function stop(reason: Failure): ExitCode {
  complain(reason.message);
  return reason.code;
}
