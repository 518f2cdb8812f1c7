/**
 * XEP-0082 DateTime / RFC 3339 `date-time` → epoch milliseconds.
 *
 * Accepts `YYYY-MM-DDThh:mm:ss[.fraction](Z|±hh:mm)` (case-insensitive `T`/`Z`, as RFC 3339
 * allows), with calendar-checked fields. Anything else — missing zone, out-of-range fields,
 * Feb 30, extra characters — gives `undefined`. Never NaN, never throws.
 */

/** Longer input is not a timestamp (the longest sensible one is ~35 chars with a ns fraction). */
const MAX_TIMESTAMP_LENGTH = 64;
const MS_PER_400_YEARS = 146097 * 86_400_000;

function digit(s: string, i: number): number {
  const c = s.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : -1;
}

function two(s: string, i: number): number {
  const a = digit(s, i);
  const b = digit(s, i + 1);
  return a < 0 || b < 0 ? -1 : a * 10 + b;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

export function parseTimestamp(input: string | undefined): number | undefined {
  if (typeof input !== "string") return undefined;
  const s = input.length > 0 && (input.charCodeAt(0) <= 32 || input.charCodeAt(input.length - 1) <= 32) ? input.trim() : input;
  const len = s.length;
  if (len < 20 || len > MAX_TIMESTAMP_LENGTH) return undefined;

  const y1 = two(s, 0);
  const y2 = two(s, 2);
  if (y1 < 0 || y2 < 0) return undefined;
  const year = y1 * 100 + y2;
  if (s.charCodeAt(4) !== 45 /* - */ || s.charCodeAt(7) !== 45) return undefined;
  const month = two(s, 5);
  const day = two(s, 8);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  const t = s.charCodeAt(10);
  if (t !== 84 /* T */ && t !== 116 /* t */) return undefined;
  const hour = two(s, 11);
  const minute = two(s, 14);
  const second = two(s, 17);
  if (s.charCodeAt(13) !== 58 /* : */ || s.charCodeAt(16) !== 58) return undefined;
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 60) return undefined;

  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46 /* . */) {
    i++;
    const start = i;
    let scale = 100;
    while (i < len) {
      const d = digit(s, i);
      if (d < 0) break;
      ms += d * scale;
      scale /= 10;
      i++;
    }
    if (i === start) return undefined;
    ms = Math.floor(ms);
  }

  let offsetMinutes = 0;
  const z = s.charCodeAt(i);
  if (z === 90 /* Z */ || z === 122 /* z */) {
    i++;
  } else if (z === 43 /* + */ || z === 45 /* - */) {
    const oh = two(s, i + 1);
    const om = two(s, i + 4);
    if (s.charCodeAt(i + 3) !== 58 || oh < 0 || oh > 23 || om < 0 || om > 59) return undefined;
    offsetMinutes = (z === 43 ? 1 : -1) * (oh * 60 + om);
    i += 6;
  } else {
    return undefined;
  }
  if (i !== len) return undefined;

  // Date.UTC maps years 0–99 to 1900–1999; shift by a whole 400-year Gregorian cycle instead.
  const local = year < 100
    ? Date.UTC(year + 400, month - 1, day, hour, minute, second, ms) - MS_PER_400_YEARS
    : Date.UTC(year, month - 1, day, hour, minute, second, ms);
  const value = local - offsetMinutes * 60_000;
  return Number.isFinite(value) ? value : undefined;
}
