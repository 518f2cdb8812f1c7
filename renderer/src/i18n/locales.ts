import { LANGUAGES, type Language } from "../../../src/shared/index.js";

/**
 * English with every letter accented, in brackets and about a third longer: shows any text that
 * skipped translation and any that gets cut off. Chosen only by a system or browser set to exactly
 * this tag (as a test does), never as a fallback.
 */
export const PSEUDO_LOCALE = "en-XA";

export type UiLocale = Language | typeof PSEUDO_LOCALE;

function isLanguage(tag: string): tag is Language {
  return (LANGUAGES as readonly string[]).includes(tag);
}

/**
 * The UI's locale: the language chosen in settings; else the first of the system's (or browser's)
 * preferred languages that Warden ships, by language ("de-AT" is German); else English.
 */
export function pickLocale(chosen: Language | null, preferred: readonly string[]): UiLocale {
  if (chosen) return chosen;
  for (const tag of preferred) {
    if (tag.toLowerCase() === PSEUDO_LOCALE.toLowerCase()) return PSEUDO_LOCALE;
    const language = tag.split("-")[0]?.toLowerCase() ?? "";
    if (isLanguage(language)) return language;
  }
  return "en";
}
