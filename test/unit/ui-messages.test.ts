// The translations against the English messages in the renderer's code (see scripts/ui-messages.ts).
import { readFileSync } from "node:fs";
import { parse, isStructurallySame } from "@formatjs/icu-messageformat-parser";
import { describe, expect, it } from "vitest";
import { extractMessages } from "../../scripts/ui-messages.js";

const SOURCE = new URL("../../renderer/src/", import.meta.url).pathname;
const english = extractMessages(SOURCE);

function catalog(language: string): Record<string, string> {
  return JSON.parse(readFileSync(new URL(`i18n/messages/${language}.json`, `file://${SOURCE}`), "utf8")) as Record<string, string>;
}

describe.each(["de", "fr"])("the %s catalog", (language) => {
  const translated = catalog(language);

  it("has no message the code no longer has", () => {
    expect(Object.keys(translated).filter((id) => !(id in english))).toEqual([]);
  });

  it("keeps every translated message's placeholders, plurals and selects as in English", () => {
    const broken = Object.entries(translated).filter(([id, message]) => {
      const source = english[id];
      return source !== undefined && !isStructurallySame(parse(source), parse(message)).success;
    });
    expect(broken.map(([id]) => id)).toEqual([]);
  });

  it("translates every message", () => {
    expect(Object.keys(english).filter((id) => !(id in translated))).toEqual([]);
  });
});

describe("extractMessages", () => {
  it("finds the English messages in the code, by id", () => {
    expect(english["list.section.thisDevice"]).toBe("This device");
    expect(english["list.counts"]).toContain("{total, plural,");
  });
});
