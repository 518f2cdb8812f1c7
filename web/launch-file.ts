// The launch link, handed to the browser without appearing on any command line: the opener gets the
// path of a small page that redirects to the link. Any local user can read a process's arguments;
// only this user can read the page, which sits in a folder of its own (0700) in the temp dir, is
// itself 0600, and is deleted once the link has been used or when Warden exits.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export type LaunchFile = {
  /** The page's path: what the opener is given. */
  path: string;
  /** Deletes the page and its folder. Idempotent, never throws. */
  remove(): void;
};

const ATTRIBUTE_ESCAPES: Record<string, string> = { "&": "&amp;", '"': "&quot;", "'": "&#39;", "<": "&lt;", ">": "&gt;" };

function escapeAttribute(text: string): string {
  return text.replace(/[&"'<>]/g, (c) => ATTRIBUTE_ESCAPES[c] ?? c);
}

/** The page: an immediate redirect to `url`, with a link in case the browser doesn't follow it. */
export function launchPage(url: string): string {
  const target = escapeAttribute(url);
  return [
    "<!doctype html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'">`,
    '<meta name="referrer" content="no-referrer">',
    `<meta http-equiv="refresh" content="0;url=${target}">`,
    "<title>Opening Warden</title>",
    "</head>",
    `<body><p><a href="${target}">Open Warden</a></p></body>`,
    "</html>",
    "",
  ].join("\n");
}

/** Writes the page for `url` into a new private folder under `parent` (default: the OS temp dir). */
export function writeLaunchFile(url: string, parent: string = tmpdir()): LaunchFile {
  // mkdtemp creates the folder 0700: other users can't list it or open what's inside.
  const dir = mkdtempSync(join(parent, "warden-launch-"));
  const path = join(dir, "open-warden.html");
  try {
    writeFileSync(path, launchPage(url), { mode: 0o600, flag: "wx" });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  let removed = false;
  return {
    path,
    remove() {
      if (removed) return;
      removed = true;
      try {
        rmSync(dir, { recursive: true, force: true });
      } catch {
        // Left in the temp dir, unreadable to others; the token in it is spent or dies with Warden.
      }
    },
  };
}
