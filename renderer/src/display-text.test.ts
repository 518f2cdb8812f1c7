import { describe, expect, it } from "vitest";
import { displayText } from "./display-text.js";

const BIDI = ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u061C"];
const INVISIBLE = ["\u200B", "\u200C", "\u200D", "\u2060", "\u2061", "\u2062", "\u2063", "\u2064", "\uFEFF", "\u180E", "\u00AD", "\u{E0041}", "\u3164", "\u115F", "\u1160", "\uFFA0"];
const CONTROLS = ["\u0000", "\u0007", "\u001B", "\u007F", "\u009B"];

describe("displayText", () => {
  it("leaves ordinary names alone, in any script", () => {
    for (const name of ["Conversations", "Gajim 1.9.5", "Pixel 8 Pro", "Monocles chat", "Téléphone de Zoé", "محادثة", "שיחות", "手机", "😀 phone"]) {
      expect(displayText(name)).toBe(name);
    }
  });

  it("drops every bidi control, wherever it is", () => {
    for (const c of BIDI) {
      expect(displayText(`${c}Warden`), `U+${c.codePointAt(0)?.toString(16)}`).toBe("Warden");
      expect(displayText(`War${c}den`), `U+${c.codePointAt(0)?.toString(16)}`).toBe("Warden");
      expect(displayText(`Warden${c}`), `U+${c.codePointAt(0)?.toString(16)}`).toBe("Warden");
    }
  });

  it("drops zero-width, invisible and control characters", () => {
    for (const c of [...INVISIBLE, ...CONTROLS]) {
      expect(displayText(`War${c}den`), `U+${c.codePointAt(0)?.toString(16)}`).toBe("Warden");
    }
  });

  it("shows an override trick as the characters it really holds", () => {
    // Displayed raw, U+202E makes this read "ada-laptop".
    expect(displayText("\u202Epotpal-ada")).toBe("potpal-ada");
    expect(displayText("Warden on \u2067ada-laptop\u2069\u200F")).toBe("Warden on ada-laptop");
  });

  it("turns line breaks and tabs into one space, collapses runs of spaces and trims", () => {
    expect(displayText("  Pixel\n8\t\tPro\u00A0\u00A0phone \u2028 ")).toBe("Pixel 8 Pro phone");
    expect(displayText("a\u200B \u200Bb")).toBe("a b");
  });

  it("is undefined when nothing visible is left, so the caller's fallback shows", () => {
    expect(displayText(undefined)).toBeUndefined();
    expect(displayText("")).toBeUndefined();
    expect(displayText("\u202E\u200B\uFEFF \u2066\u2069\u3164")).toBeUndefined();
  });
});
