import { useEffect, useRef, useState, type RefObject } from "react";
import type { RevokeOutcomeText } from "./revoke-outcome-text.js";

export type RevokePhase<T> = { name: "confirm" } | { name: "working" } | { name: "done"; result: T };

/**
 * A revoke dialog's run: one request at a time (state updates are not synchronous, so a second
 * click in the same tick must not send a second revoke), and focus that follows the work — on the
 * busy revoke button while it runs, then on the outcome's main action.
 */
export function useRevokeRun<T>(run: () => Promise<T>, onDone: (result: T) => void) {
  const [phase, setPhase] = useState<RevokePhase<T>>({ name: "confirm" });
  const actionsRef = useRef<HTMLDivElement>(null);
  const revokeRef = useRef<HTMLButtonElement>(null);
  const running = useRef(false);

  useEffect(() => {
    if (phase.name === "working") revokeRef.current?.focus();
    if (phase.name === "done") actionsRef.current?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
  }, [phase]);

  async function revoke() {
    if (running.current) return;
    running.current = true;
    setPhase({ name: "working" });
    const result = await run();
    running.current = false;
    setPhase({ name: "done", result });
    onDone(result);
  }

  return { phase, revoke, actionsRef, revokeRef };
}

/** What a revoke dialog shows under its summary: progress while it runs, then the outcome in words. */
export function RevokeStatus({ working, progress, outcome }: { working: boolean; progress: string; outcome: RevokeOutcomeText | null }) {
  return (
    <div className={outcome ? `callout callout-${outcome.tone}` : undefined}>
      <div role="status" aria-live="polite">
        {working ? <span className="progress-text">{progress}</span> : outcome?.text}
      </div>
      {outcome?.detail ? (
        <details className="error-details">
          <summary>Details</summary>
          <p>{outcome.detail}</p>
        </details>
      ) : null}
    </div>
  );
}

type RevokeActionsProps = {
  working: boolean;
  outcome: RevokeOutcomeText | null;
  /** The confirm button's label before it runs ("Revoke", "Revoke both", …). */
  confirmLabel: string;
  revokeRef: RefObject<HTMLButtonElement | null>;
  onRevoke: () => void;
  onChangePassword: () => void;
  onClose: () => void;
};

/** Cancel and the confirm button, then Try again / Change password… / Done once the outcome is in. */
export function RevokeActions({ working, outcome, confirmLabel, revokeRef, onRevoke, onChangePassword, onClose }: RevokeActionsProps) {
  if (outcome) {
    return (
      <>
        {outcome.retry ? (
          <button type="button" className="button" onClick={onRevoke}>
            Try again
          </button>
        ) : null}
        {outcome.changePassword ? (
          <button type="button" className="button button-primary" data-autofocus="" onClick={onChangePassword}>
            Change password…
          </button>
        ) : null}
        <button type="button" className={outcome.changePassword ? "button" : "button button-primary"} data-autofocus={outcome.changePassword ? undefined : ""} onClick={onClose}>
          Done
        </button>
      </>
    );
  }
  return (
    <>
      <button type="button" className="button" data-autofocus="" onClick={onClose} disabled={working}>
        Cancel
      </button>
      {/* aria-disabled, not disabled, while it runs: a disabled button would drop keyboard focus to the page. */}
      <button type="button" ref={revokeRef} className="button button-danger" onClick={onRevoke} aria-disabled={working || undefined} aria-busy={working || undefined}>
        {working ? "Signing out…" : confirmLabel}
      </button>
    </>
  );
}
