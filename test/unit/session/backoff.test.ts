import { describe, expect, it } from "vitest";
import { reconnectDelay } from "../../../src/core/session/backoff.js";

describe("reconnect backoff", () => {
  it("doubles from one second and stops at a minute", () => {
    const middle = () => 0.5;
    expect([1, 2, 3, 4, 7, 8, 20].map((attempt) => reconnectDelay(attempt, middle))).toEqual([1000, 2000, 4000, 8000, 60000, 60000, 60000]);
  });

  it("spreads clients by ±20 %", () => {
    expect(reconnectDelay(1, () => 0)).toBe(800);
    expect(reconnectDelay(1, () => 1)).toBe(1200);
  });
});
