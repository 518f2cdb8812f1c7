import { createIntl } from "react-intl";
import { describe, expect, it } from "vitest";
import { pseudoLocalize } from "./pseudo-locale.js";

const format = (message: string, values?: Record<string, string | number>) =>
  createIntl({ locale: "en-XA", messages: { message: pseudoLocalize(message) } }).formatMessage({ id: "message" }, values);

describe("pseudoLocalize", () => {
  it("accents every letter, brackets the message and makes it about a third longer", () => {
    const text = format("Remove access");
    expect(text.startsWith("[Ŕéɱöṽé åççéšš")).toBe(true);
    expect(text.endsWith("]")).toBe(true);
    expect(text).not.toMatch(/[A-Za-z]/);
    expect(text.length).toBeGreaterThanOrEqual(Math.ceil("Remove access".length * 1.35));
  });

  it("keeps placeholders and plurals working", () => {
    const message = "{total, plural, one {# client} other {# clients}} · {connected} connected";
    expect(format(message, { total: 1, connected: 0 })).toMatch(/^\[1 çļîéñţ · 0 çöññéçţéđ /);
    expect(format(message, { total: 7, connected: 2 })).toMatch(/^\[7 çļîéñţš · 2 çöññéçţéđ /);
    expect(format("Remove access from {who}", { who: "Gajim" })).toMatch(/^\[Ŕéɱöṽé åççéšš ƒŕöɱ Gajim /);
  });
});
