import { useEffect, useRef, useState, type RefObject } from "react";
import { defineMessages, useIntl } from "react-intl";
import { DIALOG_WORDS } from "./dialog-words.js";
import { DetailsDisclosure } from "./details-disclosure.js";
import type { RevokeOutcomeText } from "./revoke-outcome-text.js";

const messages = defineMessages({
  needsServer: { id: "revoke.needsServer", defaultMessage: "Warden is reconnecting — this needs the server. Try again once it's back." },
  tryAgain: { id: "list.tryAgain", defaultMessage: "Try again" },
  changePassword: { id: "account.action.changePassword", defaultMessage: "Change password…" },
});

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

type RevokeStatusProps = { working: boolean; progress: string; outcome: RevokeOutcomeText | null; offline: boolean; offlineNoteId: string };

/** What a revoke dialog shows under its summary: progress while it runs, then the outcome in words. */
export function RevokeStatus({ working, progress, outcome, offline, offlineNoteId }: RevokeStatusProps) {
  return (
    <>
      {offline && !working ? <OfflineNote id={offlineNoteId} /> : null}
      <div className={outcome ? `callout callout-${outcome.tone}` : undefined}>
        <div role="status" aria-live="polite">
          {working ? <span className="progress-text">{progress}</span> : outcome?.text}
        </div>
        <DetailsDisclosure detail={outcome?.detail} />
      </div>
    </>
  );
}

/** Why confirming is off while Warden reconnects; the confirm button points here (aria-describedby). */
export function OfflineNote({ id }: { id: string }) {
  const intl = useIntl();
  return (
    <p id={id} className="callout callout-warning">
      {intl.formatMessage(messages.needsServer)}
    </p>
  );
}

type OutcomeCloseActionsProps = { changePassword?: boolean; onChangePassword: () => void; onClose: () => void };

/** Once a revoke's outcome is in: Change password… when it calls for one, and Done (the default). */
export function OutcomeCloseActions({ changePassword, onChangePassword, onClose }: OutcomeCloseActionsProps) {
  const intl = useIntl();
  return (
    <>
      {changePassword ? (
        <button type="button" className="button" onClick={onChangePassword}>
          {intl.formatMessage(messages.changePassword)}
        </button>
      ) : null}
      <button type="button" className="button button-primary" data-autofocus="" onClick={onClose}>
        {intl.formatMessage(DIALOG_WORDS.done)}
      </button>
    </>
  );
}

type RevokeActionsProps = {
  working: boolean;
  outcome: RevokeOutcomeText | null;
  /** The confirm button's label before it runs ("Remove access", "Sign out"), and while it runs. */
  confirmLabel: string;
  workingLabel: string;
  /** The server can't be reached right now (reconnecting): confirming is off, with the reason said (RevokeStatus). */
  offline: boolean;
  /** The id of the element that says why the button is off. */
  offlineNoteId: string;
  revokeRef: RefObject<HTMLButtonElement | null>;
  onRevoke: () => void;
  onChangePassword: () => void;
  onClose: () => void;
};

/** Cancel and the confirm button, then Try again / Change password… / Done (the default) once the outcome is in. */
export function RevokeActions({ working, outcome, confirmLabel, workingLabel, offline, offlineNoteId, revokeRef, onRevoke, onChangePassword, onClose }: RevokeActionsProps) {
  const intl = useIntl();
  if (outcome) {
    return (
      <>
        {outcome.retry ? (
          <button type="button" className="button" onClick={onRevoke} disabled={offline} aria-describedby={offline ? offlineNoteId : undefined}>
            {intl.formatMessage(messages.tryAgain)}
          </button>
        ) : null}
        <OutcomeCloseActions changePassword={outcome.changePassword} onChangePassword={onChangePassword} onClose={onClose} />
      </>
    );
  }
  return (
    <>
      <button type="button" className="button" data-autofocus="" onClick={onClose} disabled={working}>
        {intl.formatMessage(DIALOG_WORDS.cancel)}
      </button>
      {/* aria-disabled, not disabled, while it runs: a disabled button would drop keyboard focus to the page. */}
      <button
        type="button"
        ref={revokeRef}
        className="button button-danger"
        onClick={onRevoke}
        disabled={offline && !working}
        aria-describedby={offline ? offlineNoteId : undefined}
        aria-disabled={working || undefined}
        aria-busy={working || undefined}
      >
        {working ? workingLabel : confirmLabel}
      </button>
    </>
  );
}
