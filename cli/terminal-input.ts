// Passwords and confirmations: typed at a terminal without echo, or read from standard input by a
// script. Never from an argument (see refuse-password-arguments.ts). Prompts go to stderr so that
// stdout carries only the command's output.
import { createInterface } from "node:readline";
import { Writable } from "node:stream";

/** Standard input is a person at a terminal, who can be asked. */
export function canAsk(): boolean {
  return process.stdin.isTTY === true;
}

/** Swallows readline's echo: the terminal is in raw mode, so nothing typed is shown. */
const noEcho = new Writable({
  write(_chunk, _encoding, done) {
    done();
  },
});

/** One line typed at the terminal, not shown; undefined on Ctrl-C or Ctrl-D. */
export function askHidden(question: string): Promise<string | undefined> {
  process.stderr.write(question);
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: noEcho, terminal: true });
    let answer: string | undefined;
    rl.on("line", (line) => {
      answer = line;
      rl.close();
    });
    rl.on("SIGINT", () => rl.close());
    rl.on("close", () => {
      process.stderr.write("\n");
      resolve(answer);
    });
  });
}

/** A yes/no question at the terminal; anything but y/yes is no. Undefined on Ctrl-C or Ctrl-D. */
export function confirm(question: string): Promise<boolean | undefined> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    let answer: boolean | undefined;
    rl.question(`${question} [y/N] `, (line) => {
      answer = /^\s*y(es)?\s*$/i.test(line);
      rl.close();
    });
    rl.on("SIGINT", () => rl.close());
    rl.on("close", () => resolve(answer));
  });
}

/**
 * The first `count` lines of standard input (a trailing CR dropped), as a script pipes them;
 * fewer when input ends first.
 */
export function readLines(count: number): Promise<string[]> {
  return new Promise((resolve) => {
    const lines: string[] = [];
    const rl = createInterface({ input: process.stdin, terminal: false, crlfDelay: Infinity });
    rl.on("line", (line) => {
      if (lines.length < count) lines.push(line.replace(/\r$/, ""));
      if (lines.length === count) rl.close();
    });
    rl.on("close", () => {
      // Nothing more is read: the rest of a pipe that stays open must not keep the process alive.
      process.stdin.pause();
      resolve(lines);
    });
  });
}
