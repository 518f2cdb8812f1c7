import { createIntl } from "react-intl";
import { describe, expect, it } from "vitest";
import de from "./i18n/messages/de.json";
import { formatRelative } from "./format-time.js";

const now = Date.UTC(2025, 5, 15, 12, 0, 0);
const english = createIntl({ locale: "en" });
const german = createIntl({ locale: "de", messages: de });
const ago = (ms: number, intl = english) => formatRelative(intl, now - ms, now);
const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

describe("formatRelative", () => {
  it("says how long ago, in the unit a person would use", () => {
    expect(ago(10_000)).toBe("just now");
    expect(ago(5 * MIN)).toBe("5 minutes ago");
    expect(ago(3 * HOUR)).toBe("3 hours ago");
    expect(ago(DAY)).toBe("yesterday");
    expect(ago(4 * DAY)).toBe("4 days ago");
    expect(ago(60 * DAY)).toBe("2 months ago");
    expect(ago(800 * DAY)).toBe("2 years ago");
  });

  it("handles a clock that runs ahead", () => {
    expect(formatRelative(english, now + 5 * MIN, now)).toBe("in 5 minutes");
  });

  it("speaks the UI's language", () => {
    expect(ago(10_000, german)).toBe("gerade eben");
    expect(ago(3 * DAY, german)).toBe("vor 3 Tagen");
    expect(ago(DAY, german)).toBe("gestern");
  });
});
