import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WATCH_HIDDEN_MS, WATCH_VISIBLE_MS, WatchSchedule } from "../../../src/core/watch/watch-schedule.js";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A schedule whose ticks are counted; each tick takes `tickMs` of (fake) time. */
function counted(visible: boolean, tickMs = 0) {
  let ticks = 0;
  let running = 0;
  let overlapped = false;
  const schedule = new WatchSchedule({
    visible,
    tick: async () => {
      running += 1;
      overlapped ||= running > 1;
      ticks += 1;
      if (tickMs > 0) await new Promise((resolve) => setTimeout(resolve, tickMs));
      running -= 1;
    },
  });
  return { schedule, ticks: () => ticks, overlapped: () => overlapped };
}

describe("the watch schedule", () => {
  it("the watch interval changes with visibility", async () => {
    const { schedule, ticks } = counted(true);
    await schedule.start();
    expect(ticks()).toBe(1);

    await vi.advanceTimersByTimeAsync(WATCH_VISIBLE_MS);
    expect(ticks()).toBe(2);
    await vi.advanceTimersByTimeAsync(WATCH_VISIBLE_MS);
    expect(ticks()).toBe(3);

    // Hidden: nothing at the visible interval, one tick at the hidden one.
    schedule.setVisible(false);
    await vi.advanceTimersByTimeAsync(WATCH_VISIBLE_MS);
    expect(ticks()).toBe(3);
    await vi.advanceTimersByTimeAsync(WATCH_HIDDEN_MS - WATCH_VISIBLE_MS - 1);
    expect(ticks()).toBe(3);
    await vi.advanceTimersByTimeAsync(1);
    expect(ticks()).toBe(4);

    // Visible again: a tick at once, not at the end of the hidden interval, then the short one again.
    await vi.advanceTimersByTimeAsync(60_000);
    schedule.setVisible(true);
    await vi.advanceTimersByTimeAsync(0);
    expect(ticks()).toBe(5);
    await vi.advanceTimersByTimeAsync(WATCH_VISIBLE_MS);
    expect(ticks()).toBe(6);
    schedule.stop();
  });

  it("hidden from the start: the first timed tick comes after the hidden interval", async () => {
    const { schedule, ticks } = counted(false);
    await schedule.start();
    await vi.advanceTimersByTimeAsync(WATCH_HIDDEN_MS - 1);
    expect(ticks()).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(ticks()).toBe(2);
    schedule.stop();
  });

  it("never overlaps ticks: one asked for during a tick follows it once", async () => {
    const { schedule, ticks, overlapped } = counted(true, 1_000);
    const first = schedule.start();
    const second = schedule.tickNow();
    const third = schedule.tickNow();
    await vi.advanceTimersByTimeAsync(2_000);
    await Promise.all([first, second, third]);
    expect(ticks()).toBe(2);
    expect(overlapped()).toBe(false);
    schedule.stop();
  });

  it("stops ticking when stopped, also for a visibility change", async () => {
    const { schedule, ticks } = counted(true);
    await schedule.start();
    schedule.stop();
    schedule.setVisible(false);
    schedule.setVisible(true);
    await vi.advanceTimersByTimeAsync(WATCH_HIDDEN_MS * 2);
    expect(ticks()).toBe(1);
    expect(vi.getTimerCount()).toBe(0);
  });
});
