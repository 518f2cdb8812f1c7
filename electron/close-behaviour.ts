// What closing Warden's window does: hide it and keep watching from the tray, quit, or ask once.
// Pure: main.ts reads the answer in the window's "close" handler and stores the user's choice
// through the core's setPreferences.
import type { MessageBoxOptions } from "electron";
import type { Preferences } from "../src/shared/preferences.js";
import type { SetPreferencesRequest } from "../src/shared/requests.js";
import type { HostText } from "./host-text.js";

type Background = NonNullable<Preferences["background"]>;

/**
 * The one place the platform default lives. macOS and Windows apps commonly keep running from the
 * menu bar or tray, so there it is on; on Linux, where a tray may not even be shown, ask (null).
 */
export function defaultKeepWatching(platform: NodeJS.Platform): boolean | null {
  return platform === "darwin" || platform === "win32" ? true : null;
}

/**
 * At launch: the default to store when the user has not decided yet, so the settings show what
 * closing will do. Null when there is nothing to store.
 */
export function launchDefaults(background: Background | undefined, platform: NodeJS.Platform): SetPreferencesRequest | null {
  if (background === undefined || background.keepWatchingWhenClosed !== null) return null;
  const keepWatchingWhenClosed = defaultKeepWatching(platform);
  return keepWatchingWhenClosed === null ? null : { keepWatchingWhenClosed };
}

/** `allow`: let the window close (the app is quitting anyway). */
export type CloseAction = "allow" | "hide" | "quit" | "ask";

export function closeAction(options: { quitting: boolean; keepWatchingWhenClosed: boolean | null; platform: NodeJS.Platform }): CloseAction {
  if (options.quitting) return "allow";
  const keepWatching = options.keepWatchingWhenClosed ?? defaultKeepWatching(options.platform);
  if (keepWatching === null) return "ask";
  return keepWatching ? "hide" : "quit";
}

const KEEP_WATCHING = 0;
const QUIT = 1;
const CANCEL = 2;

/** The first-close question, for dialog.showMessageBox. */
export function closeQuestion(text: HostText): MessageBoxOptions {
  const words = text.closeQuestion;
  const buttons: string[] = [];
  buttons[KEEP_WATCHING] = words.keepWatching;
  buttons[QUIT] = words.quit;
  buttons[CANCEL] = words.cancel;
  return { type: "question", message: words.message, detail: words.detail, buttons, defaultId: KEEP_WATCHING, cancelId: CANCEL, noLink: true };
}

/** The choice to store from the question's answer; null: cancelled, the window stays open and nothing is stored. */
export function keepWatchingAnswer(response: number): boolean | null {
  if (response === KEEP_WATCHING) return true;
  if (response === QUIT) return false;
  return null;
}
