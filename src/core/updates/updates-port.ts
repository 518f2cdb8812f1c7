import type { UpdateState } from "../../shared/updates.js";

/**
 * What a host that updates itself (the desktop app) gives the core: where its update stands, a way
 * to turn checking on and off (the user's setting), and the restart that installs a downloaded one.
 * Hosts that do not update themselves (browser mode, the command line) pass none.
 */
export interface UpdatesPort {
  readonly state: UpdateState;
  /** Off: no checks, no downloads, state "off". On: checks now and then daily. */
  setEnabled(enabled: boolean): void;
  /** Installs the downloaded update and restarts the app; false (nothing done) unless one is ready. */
  restart(): boolean;
  /** Calls `listener` with every new state; returns the unsubscribe. */
  on(listener: (state: UpdateState) => void): () => void;
}
