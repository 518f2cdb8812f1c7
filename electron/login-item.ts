// "Start Warden when I log in": what to register with the OS, and whether this launch is one. Pure:
// main.ts hands the settings to app.setLoginItemSettings (macOS, Windows) or writes the XDG autostart
// entry (Linux, where Electron has no login items).
import { join } from "node:path";
import type { Settings } from "electron";

/** A launch at login starts hidden, in the tray. */
export const HIDDEN_ARG = "--hidden";

export type LoginCommand = { path: string; args: string[] };

/**
 * The command the OS runs at login. A packaged app is its executable (an AppImage the image file,
 * since the executable inside is unpacked anew each run); an unpackaged one is Electron with the
 * app's folder.
 */
export function loginCommand(options: { execPath: string; appPath: string; packaged: boolean; appImage?: string }): LoginCommand {
  const path = options.appImage ?? options.execPath;
  return { path, args: options.packaged ? [HIDDEN_ARG] : [options.appPath, HIDDEN_ARG] };
}

/** For app.setLoginItemSettings and, with the same path and args, app.getLoginItemSettings (Windows compares them). */
export function loginItemSettings(startAtLogin: boolean, command: LoginCommand): Settings {
  return { openAtLogin: startAtLogin, path: command.path, args: command.args };
}

/** This launch starts in the tray without a window: started at login (macOS says so; elsewhere the argument does). */
export function startsHidden(argv: readonly string[], platform: NodeJS.Platform, wasOpenedAtLogin: boolean): boolean {
  return argv.includes(HIDDEN_ARG) || (platform === "darwin" && wasOpenedAtLogin);
}

/** Where the freedesktop autostart entry lives: $XDG_CONFIG_HOME/autostart, by default ~/.config/autostart. */
export function autostartFile(env: Readonly<Record<string, string | undefined>>, homeDir: string): string {
  const configHome = env.XDG_CONFIG_HOME !== undefined && env.XDG_CONFIG_HOME.startsWith("/") ? env.XDG_CONFIG_HOME : join(homeDir, ".config");
  return join(configHome, "autostart", "warden.desktop");
}

/** One Exec argument, quoted as the Desktop Entry spec asks (and `%` doubled, it starts field codes). */
function execArgument(argument: string): string {
  return `"${argument.replace(/[\\"`$]/g, (c) => `\\${c}`).replace(/%/g, "%%")}"`;
}

/** The autostart entry that runs `command` at login. */
export function autostartEntry(command: LoginCommand): string {
  const exec = [command.path, ...command.args].map(execArgument).join(" ");
  return ["[Desktop Entry]", "Type=Application", "Name=Warden", `Exec=${exec}`, "X-GNOME-Autostart-enabled=true", "NoDisplay=true", ""].join("\n");
}
