import { useEffect, useId, useRef, useState } from "react";
import { defineMessage, defineMessages, useIntl } from "react-intl";
import type { RevokeResult } from "../../src/shared/index.js";
import { bulkStatusText, bulkSummary, rowOutcomeText, rowVerdict, type BulkRowState, type RowResults } from "./bulk-revoke-outcome.js";
import { useClientManager } from "./client-manager-context.js";
import { rowActionTarget } from "./describe.js";
import { DetailsDisclosure } from "./details-disclosure.js";
import { DIALOG_WORDS } from "./dialog-words.js";
import { rowKey, type ListEntry } from "./group-apps.js";
import { ModalDialog } from "./modal-dialog.js";
import { rowConsequence } from "./revoke-consequence.js";
import { OfflineNote, OutcomeCloseActions } from "./revoke-dialog-parts.js";

const messages = defineMessages({
  title: defineMessage<{ count: number }>({
    id: "bulk.title",
    defaultMessage: "{count, plural, one {Remove access from # selected entry?} other {Remove access from # selected entries?}}",
  }),
  runningTitle: { id: "password.grants.revoking", defaultMessage: "Removing access…" },
  finishedTitle: { id: "bulk.title.finished", defaultMessage: "Removing access: finished" },
  stoppedTitle: { id: "bulk.title.stopped", defaultMessage: "Removing access: stopped" },
  lead: { id: "bulk.lead", defaultMessage: "Warden removes access one entry at a time and checks the server's list after each. What will happen to each:" },
  entries: { id: "bulk.entries", defaultMessage: "Selected entries" },
  progress: defineMessage<{ name: string; position: number; count: number }>({
    id: "bulk.progress",
    defaultMessage: "Removing access from {name} ({position} of {count})…",
  }),
  rowDone: defineMessage<{ name: string; status: string }>({ id: "bulk.rowDone", defaultMessage: "{name}: {status}" }),
  removeAccess: { id: "entry.action.removeAccess", defaultMessage: "Remove access" },
  stop: { id: "bulk.stop", defaultMessage: "Stop after this one" },
  stopping: { id: "bulk.stopping", defaultMessage: "Stopping…" },
});

type BulkRevokeDialogProps = {
  jid: string;
  /** The selected rows, never this device's. */
  rows: readonly ListEntry[];
  onClose: () => void;
  /** Entries confirmed gone: drop them at once, before the list the core fetches after each revoke arrives. */
  onGone: (ids: string[]) => void;
  onChangePassword: () => void;
  fallbackFocus?: () => HTMLElement | null | undefined;
  /** Warden is reconnecting: nothing can be removed until the server is back. */
  offline: boolean;
};

type Phase = "confirm" | "running" | "finished";

const gone = (result: RevokeResult) => result.ok && (result.value.outcome === "gone" || result.value.outcome === "already-gone");

/** The row's entries the server's list confirmed gone. */
function goneIds(row: ListEntry, results: RowResults): string[] {
  if (row.kind === "client") return results.kind === "client" && gone(results.result) ? [row.client.id] : [];
  if (results.kind !== "app") return [];
  return [...(gone(results.grant) ? [row.grant.id] : []), ...(gone(results.session) ? [row.session.id] : [])];
}

/**
 * One confirmation for every selected row, listing what will happen to each; then the rows' revokes
 * one at a time (each verified by the core), each row's progress as it goes, a stop that takes
 * effect before the next row, and a summary of the verified outcomes.
 */
export function BulkRevokeDialog({ jid, rows, onClose, onGone, onChangePassword, fallbackFocus, offline }: BulkRevokeDialogProps) {
  const intl = useIntl();
  const api = useClientManager();
  const offlineNoteId = useId();
  const [phase, setPhase] = useState<Phase>("confirm");
  const [statuses, setStatuses] = useState<BulkRowState[]>(() => rows.map(() => ({ state: "waiting" })));
  const [live, setLive] = useState("");
  const [stopRequested, setStopRequested] = useState(false);
  const stopRef = useRef(false);
  const started = useRef(false);
  const actionsRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (phase !== "confirm") actionsRef.current?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
  }, [phase]);

  const setStatus = (index: number, status: BulkRowState) => setStatuses((was) => was.map((s, i) => (i === index ? status : s)));

  async function revokeRow(row: ListEntry): Promise<RowResults> {
    if (row.kind === "client") return { kind: "client", result: await api.revokeClient({ jid, id: row.client.id }) };
    // The app token first, so the session cannot sign in again with it (as the single app dialog does).
    const grant = await api.revokeClient({ jid, id: row.grant.id });
    const session = await api.revokeClient({ jid, id: row.session.id });
    return { kind: "app", grant, session };
  }

  async function run() {
    // State updates are not synchronous: a second click in the same tick must not start a second run.
    if (started.current) return;
    started.current = true;
    setPhase("running");
    const final: BulkRowState[] = rows.map(() => ({ state: "waiting" }));
    for (const [index, row] of rows.entries()) {
      if (stopRef.current) {
        for (let rest = index; rest < rows.length; rest++) final[rest] = { state: "not-started" };
        break;
      }
      const name = rowActionTarget(intl, row);
      setStatus(index, { state: "removing" });
      setLive(intl.formatMessage(messages.progress, { name, position: index + 1, count: rows.length }));
      const results = await revokeRow(row);
      const status: BulkRowState = { state: "done", results, ...rowVerdict(results) };
      final[index] = status;
      setStatus(index, status);
      setLive(intl.formatMessage(messages.rowDone, { name, status: bulkStatusText(intl, status) }));
      const confirmedGone = goneIds(row, results);
      if (confirmedGone.length > 0) onGone(confirmedGone);
    }
    setStatuses(final);
    setLive(bulkSummary(intl, rows.map((row, i) => ({ row, status: final[i]! }))));
    setPhase("finished");
  }

  const stopped = statuses.some((status) => status.state === "not-started");
  const title =
    phase === "confirm"
      ? intl.formatMessage(messages.title, { count: rows.length })
      : phase === "running"
        ? intl.formatMessage(messages.runningTitle)
        : intl.formatMessage(stopped ? messages.stoppedTitle : messages.finishedTitle);
  const outcomes = statuses.map((status, i) => (status.state === "done" ? rowOutcomeText(intl, rows[i]!, status.results) : null));
  const needsPasswordChange = outcomes.some((outcome) => outcome?.changePassword);

  return (
    <ModalDialog title={title} role="alertdialog" onClose={onClose} busy={phase === "running"} fallbackFocus={fallbackFocus} className="revoke-dialog bulk-revoke-dialog">
      <div className="modal-body">
        {phase === "confirm" ? <p>{intl.formatMessage(messages.lead)}</p> : null}
        <ul className="bulk-entries" aria-label={intl.formatMessage(messages.entries)}>
          {rows.map((row, i) => {
            const status = statuses[i]!;
            const outcome = outcomes[i];
            return (
              <li key={rowKey(row)} className={`bulk-entry bulk-${status.state === "done" ? status.verdict : status.state}`}>
                <strong className="bulk-entry-name">{rowActionTarget(intl, row)}</strong>
                {phase === "confirm" ? (
                  <p className="bulk-entry-consequence">{rowConsequence(intl, row)}</p>
                ) : (
                  <>
                    <span className="bulk-entry-status">{bulkStatusText(intl, status)}</span>
                    {outcome ? <p className="muted bulk-entry-outcome">{outcome.text}</p> : null}
                    <DetailsDisclosure detail={outcome?.detail} />
                  </>
                )}
              </li>
            );
          })}
        </ul>
        {offline && phase === "confirm" ? <OfflineNote id={offlineNoteId} /> : null}
        <div role="status" aria-live="polite" className={phase === "finished" ? "callout callout-info bulk-summary" : "progress-text"}>
          {live}
        </div>
      </div>
      <div className="modal-actions" ref={actionsRef}>
        {phase === "confirm" ? (
          <>
            <button type="button" className="button" data-autofocus="" onClick={onClose}>
              {intl.formatMessage(DIALOG_WORDS.cancel)}
            </button>
            <button
              type="button"
              className="button button-danger"
              onClick={() => void run()}
              disabled={offline}
              aria-describedby={offline ? offlineNoteId : undefined}
            >
              {intl.formatMessage(messages.removeAccess)}
            </button>
          </>
        ) : phase === "running" ? (
          <button
            type="button"
            className="button"
            data-autofocus=""
            aria-disabled={stopRequested || undefined}
            onClick={() => {
              stopRef.current = true;
              setStopRequested(true);
            }}
          >
            {intl.formatMessage(stopRequested ? messages.stopping : messages.stop)}
          </button>
        ) : (
          <OutcomeCloseActions changePassword={needsPasswordChange} onChangePassword={onChangePassword} onClose={onClose} />
        )}
      </div>
    </ModalDialog>
  );
}
