/** How often the watch lists an account while a window of Warden is visible, and otherwise. */
export const WATCH_VISIBLE_MS = 30_000;
export const WATCH_HIDDEN_MS = 5 * 60_000;

/** The clock and timers the schedule runs on (tests pass fake ones). */
export interface ScheduleClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const systemClock: ScheduleClock = {
  now: () => Date.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export interface WatchScheduleOptions {
  /** One watch tick; it never rejects (a failed list is the tick's own business). */
  tick: () => Promise<void>;
  visible: boolean;
  clock?: ScheduleClock;
}

/**
 * One account's watch timer: a tick every WATCH_VISIBLE_MS while a window is visible and every
 * WATCH_HIDDEN_MS otherwise, counted from the end of the last tick. Ticks never overlap: one asked
 * for while another runs follows it once.
 */
export class WatchSchedule {
  readonly #tick: () => Promise<void>;
  readonly #clock: ScheduleClock;
  #visible: boolean;
  #started = false;
  #timer: unknown;
  #running: Promise<void> | undefined;
  #again = false;
  #lastTickEnd: number | undefined;

  constructor({ tick, visible, clock = systemClock }: WatchScheduleOptions) {
    this.#tick = tick;
    this.#visible = visible;
    this.#clock = clock;
  }

  /** Ticks now, then on the interval until `stop`. Starting a started schedule only ticks. */
  start(): Promise<void> {
    this.#started = true;
    return this.tickNow();
  }

  /** Resolves once the tick running now (if any) is done. */
  idle(): Promise<void> {
    return this.#running ?? Promise.resolve();
  }

  stop(): void {
    this.#started = false;
    this.#again = false;
    this.#clearTimer();
  }

  /**
   * Ticks at once (or right after the tick that is running); resolves when that tick is done. The
   * next timed tick counts from its end.
   */
  tickNow(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#clearTimer();
    this.#running = this.#runTicks();
    return this.#running;
  }

  /** Visible again: a tick now, rather than at the end of the hidden interval. Hidden: the longer interval from the last tick. */
  setVisible(visible: boolean): void {
    if (visible === this.#visible) return;
    this.#visible = visible;
    if (!this.#started) return;
    if (visible) void this.tickNow();
    else if (!this.#running) this.#arm();
  }

  async #runTicks(): Promise<void> {
    try {
      do {
        this.#again = false;
        await this.#tick();
      } while (this.#again);
    } finally {
      this.#lastTickEnd = this.#clock.now();
      this.#running = undefined;
      if (this.#started) this.#arm();
    }
  }

  #arm(): void {
    this.#clearTimer();
    const interval = this.#visible ? WATCH_VISIBLE_MS : WATCH_HIDDEN_MS;
    const due = (this.#lastTickEnd ?? this.#clock.now()) + interval;
    this.#timer = this.#clock.setTimeout(() => {
      this.#timer = undefined;
      void this.tickNow();
    }, Math.max(0, due - this.#clock.now()));
  }

  #clearTimer(): void {
    if (this.#timer !== undefined) this.#clock.clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
