// Text that other clients chose (software and device names, versions) as it may be shown: without
// the invisible characters a rogue client could use to pass for another one, e.g. a right-to-left
// override that makes reversed text read as "Warden on your-laptop".

/** Control characters that separate words: shown as a space, not glued together. */
const SEPARATING_CONTROLS = /[\t\n\v\f\r\u0085]/g;

/**
 * Characters that change how the text around them is displayed or show as nothing: the bidi
 * controls and zero-width characters (named, so an engine with older Unicode data still catches
 * them), every other format character (Cf: soft hyphen, tags…) and control character (Cc), and the
 * Hangul fillers, letters that render blank.
 */
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\u200B-\u200D\u2060-\u2064\uFEFF\u180E\p{Cf}\p{Cc}\u115F\u1160\u3164\uFFA0]/gu;

/** Any run of spaces, including no-break and ideographic ones, and line or paragraph separators. */
const SPACE_RUN = /\s+/gu;

/**
 * `text` cleaned for display: invisible and bidi-control characters removed, spaces collapsed to
 * one, trimmed. Undefined when nothing visible is left, so callers fall back as if it were absent.
 */
export function displayText(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const cleaned = text.replace(SEPARATING_CONTROLS, " ").replace(INVISIBLE, "").replace(SPACE_RUN, " ").trim();
  return cleaned === "" ? undefined : cleaned;
}
