import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { parseTimestamp } from "../../../src/core/protocol/timestamp.js";

describe("parseTimestamp", () => {
  it.each([
    ["2026-11-27T19:34:11Z", 1795808051000],
    ["2026-11-27t19:34:11z", 1795808051000],
    ["  2026-11-27T19:34:11Z\n", 1795808051000],
    ["2026-11-27T21:34:11+02:00", 1795808051000],
    ["2026-11-27T14:04:11-05:30", 1795808051000],
    ["2026-11-27T19:34:11.5Z", 1795808051500],
    ["2026-11-27T19:34:11.123456789Z", 1795808051123],
    ["2024-02-29T00:00:00Z", 1709164800000],
    ["1970-01-01T00:00:00Z", 0],
    ["0001-01-01T00:00:00Z", -62135596800000],
    ["0050-06-15T12:00:00Z", Date.parse("0050-06-15T12:00:00Z")],
    ["9999-12-31T23:59:59Z", 253402300799000],
  ])("%s → %d", (input, expected) => {
    expect(parseTimestamp(input)).toBe(expected);
  });

  it.each([
    "",
    "2026-11-27",
    "2026-11-27T19:34:11", // no zone
    "2026-11-27 19:34:11Z",
    "2026-13-27T19:34:11Z",
    "2026-00-27T19:34:11Z",
    "2026-02-29T19:34:11Z", // not a leap year
    "2026-04-31T19:34:11Z",
    "2026-11-27T24:00:00Z",
    "2026-11-27T19:60:11Z",
    "2026-11-27T19:34:61Z",
    "2026-11-27T19:34:11.Z",
    "2026-11-27T19:34:11+2:00",
    "2026-11-27T19:34:11+24:00",
    "2026-11-27T19:34:11+02:60",
    "2026-11-27T19:34:11Zjunk",
    "+2026-11-27T19:34:11Z",
    "２０２６-11-27T19:34:11Z",
    "2026-11-27T19:34:11.1234567890123456789012345678901234567890123456789Z",
    "NaN",
    "Infinity",
  ])("%j → undefined", (input) => {
    expect(parseTimestamp(input)).toBeUndefined();
  });

  it("non-strings → undefined", () => {
    expect(parseTimestamp(undefined)).toBeUndefined();
    expect(parseTimestamp(42 as unknown as string)).toBeUndefined();
  });

  it("arbitrary strings never give NaN or a non-finite number", () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?([Zz]|[+-]\d\d:\d\d)?$/)), (s) => {
        const v = parseTimestamp(s);
        expect(v === undefined || Number.isFinite(v)).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it("any Date written as ISO 8601 round-trips to its epoch ms", () => {
    fc.assert(
      fc.property(fc.date({ min: new Date("0000-01-01T00:00:00Z"), max: new Date("9999-12-31T23:59:59.999Z"), noInvalidDate: true }), (d) => {
        expect(parseTimestamp(d.toISOString())).toBe(d.getTime());
      }),
      { numRuns: 2000 },
    );
  });

  it("offsets shift the instant", () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date("1000-01-01T00:00:00Z"), max: new Date("9000-01-01T00:00:00Z"), noInvalidDate: true }),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        (d, offset) => {
          const local = new Date(d.getTime() + offset * 60_000);
          const abs = Math.abs(offset);
          const zone = `${offset < 0 ? "-" : "+"}${String(Math.floor(abs / 60)).padStart(2, "0")}:${String(abs % 60).padStart(2, "0")}`;
          const text = local.toISOString().replace("Z", zone);
          expect(parseTimestamp(text)).toBe(d.getTime());
        },
      ),
      { numRuns: 1000 },
    );
  });
});
