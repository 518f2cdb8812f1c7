// Opens a file with the desktop's default application (for the launch page: the browser).
// Best effort: a headless box has no opener, and that's fine, the link is printed.
import { spawn } from "node:child_process";

export type OpenerCommand = { command: string; args: string[] };

/**
 * The opener and its arguments for `path`. Only the path is passed: whatever it points to stays
 * off the command line. Windows uses explorer.exe, which takes the path as one argument with no
 * shell in between (cmd's `start` would parse `&`, `^` and quotes in it).
 */
export function openerCommand(platform: NodeJS.Platform, path: string): OpenerCommand {
  switch (platform) {
    case "darwin":
      return { command: "open", args: [path] };
    case "win32":
      return { command: "explorer.exe", args: [path] };
    default:
      return { command: "xdg-open", args: [path] };
  }
}

export function openWithDesktop(path: string): void {
  const { command, args } = openerCommand(process.platform, path);
  try {
    const child = spawn(command, args, { stdio: "ignore", detached: true, windowsHide: true });
    child.on("error", () => {});
    child.unref();
  } catch {
    // No opener: the printed link will do.
  }
}
