import { useCallback, useEffect, useRef, useState } from "react";
import { defineMessage, defineMessages, useIntl } from "react-intl";
import type { ActivityEntry, RequestError } from "../../src/shared/index.js";
import { activityExport, activityExportFileName, downloadJson } from "./activity-export.js";
import { activityEntryText, type Nicknames } from "./activity-text.js";
import { useAnnounce } from "./announcer.js";
import { useClientManager } from "./client-manager-context.js";
import { ConfirmActions, DialogError } from "./confirm-actions.js";
import { DIALOG_WORDS } from "./dialog-words.js";
import { requestErrorMessage } from "./error-text.js";
import { ModalDialog } from "./modal-dialog.js";
import { RelativeTime } from "./relative-time.js";
import { useNow } from "./use-now.js";

const messages = defineMessages({
  title: { id: "activity.title", defaultMessage: "Activity" },
  lead: defineMessage<{ jid: string }>({
    id: "activity.lead",
    defaultMessage: "What Warden saw and did on {jid}, newest first. Kept on this device only.",
  }),
  loading: { id: "activity.loading", defaultMessage: "Loading…" },
  loadFailed: defineMessage<{ reason: string }>({ id: "activity.loadFailed", defaultMessage: "Couldn't load the Activity. {reason}" }),
  tryAgain: { id: "list.tryAgain", defaultMessage: "Try again" },
  empty: {
    id: "activity.empty",
    defaultMessage: "Nothing here yet. New sign-ins, removed access, password changes and cleanups will show here as they happen.",
  },
  entries: { id: "activity.entries", defaultMessage: "Activity entries" },
  export: { id: "activity.export", defaultMessage: "Export" },
  exported: { id: "activity.exported", defaultMessage: "Activity exported as a file." },
  clear: { id: "activity.clear", defaultMessage: "Clear…" },
  clearTitle: { id: "activity.clearTitle", defaultMessage: "Clear this account's Activity?" },
  clearLead: defineMessage<{ count: number; jid: string }>({
    id: "activity.clearLead",
    defaultMessage:
      "Warden forgets {count, plural, one {the # entry} other {all # entries}} it kept for {jid} on this device. This can't be undone; export first to keep a copy.",
  }),
  clearConfirm: { id: "activity.clearConfirm", defaultMessage: "Clear Activity" },
  clearing: { id: "activity.clearing", defaultMessage: "Clearing…" },
  cleared: { id: "activity.cleared", defaultMessage: "Activity cleared." },
  clearFailed: defineMessage<{ reason: string }>({ id: "activity.clearFailed", defaultMessage: "Nothing was cleared. {reason}" }),
});

type Loaded = { phase: "loading" } | { phase: "failed"; error: RequestError } | { phase: "ready"; entries: ActivityEntry[] };

/** The account's Activity from the core, oldest first, with the lines it adds while shown. */
function useActivity(jid: string): { loaded: Loaded; reload: () => void; clearShown: () => void } {
  const api = useClientManager();
  const [loaded, setLoaded] = useState<Loaded>({ phase: "loading" });
  const [attempt, setAttempt] = useState(0);
  useEffect(() => {
    let live = true;
    // Lines that arrive before the answer may or may not be in it: merged by id.
    const early: ActivityEntry[] = [];
    const off = api.on("activity-added", (event) => {
      if (event.jid !== jid) return;
      setLoaded((current) => {
        if (current.phase !== "ready") {
          early.push(event.entry);
          return current;
        }
        return current.entries.some((e) => e.id === event.entry.id) ? current : { phase: "ready", entries: [...current.entries, event.entry] };
      });
    });
    setLoaded({ phase: "loading" });
    void api.getActivity({ jid }).then((result) => {
      if (!live) return;
      if (!result.ok) {
        setLoaded({ phase: "failed", error: result.error });
        return;
      }
      const known = new Set(result.value.entries.map((e) => e.id));
      setLoaded({ phase: "ready", entries: [...result.value.entries, ...early.filter((e) => !known.has(e.id))] });
    });
    return () => {
      live = false;
      off();
    };
  }, [api, jid, attempt]);
  const reload = useCallback(() => setAttempt((n) => n + 1), []);
  const clearShown = useCallback(() => setLoaded({ phase: "ready", entries: [] }), []);
  return { loaded, reload, clearShown };
}

type ActivityDialogProps = {
  jid: string;
  nicknames: Nicknames;
  onClose: () => void;
  fallbackFocus?: () => HTMLElement | null | undefined;
};

/** One account's Activity: newest first, live, exportable as JSON and clearable (after asking). */
export function ActivityDialog({ jid, nicknames, onClose, fallbackFocus }: ActivityDialogProps) {
  const intl = useIntl();
  const api = useClientManager();
  const announce = useAnnounce();
  const now = useNow(30_000);
  const { loaded, reload, clearShown } = useActivity(jid);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const entries = loaded.phase === "ready" ? loaded.entries : [];
  const contentRef = useRef<HTMLDivElement>(null);
  const clearRef = useRef<HTMLButtonElement>(null);
  /** Asking to clear and back is one dialog changing its content: focus goes to where the user acts next. */
  const [focusTarget, setFocusTarget] = useState<"confirm" | "clear" | null>(null);
  useEffect(() => {
    if (focusTarget === "confirm") contentRef.current?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    else if (focusTarget === "clear") (clearRef.current?.disabled ? contentRef.current?.querySelector<HTMLElement>("[data-autofocus]") : clearRef.current)?.focus();
  }, [focusTarget, confirming]);
  const askClear = () => {
    setConfirming(true);
    setFocusTarget("confirm");
  };
  const cancelClear = () => {
    setConfirming(false);
    setError(null);
    setFocusTarget("clear");
  };

  async function clear() {
    setBusy(true);
    setError(null);
    const result = await api.clearActivity({ jid });
    setBusy(false);
    if (!result.ok) {
      setError(intl.formatMessage(messages.clearFailed, { reason: requestErrorMessage(intl, result.error) }));
      return;
    }
    clearShown();
    setConfirming(false);
    setFocusTarget("clear");
    announce(intl.formatMessage(messages.cleared));
  }

  function exportFile() {
    const at = new Date();
    downloadJson(activityExportFileName(jid, at), activityExport(jid, entries, at));
    announce(intl.formatMessage(messages.exported));
  }

  let body;
  if (loaded.phase === "loading") body = <p role="status">{intl.formatMessage(messages.loading)}</p>;
  else if (loaded.phase === "failed")
    body = (
      <div className="callout callout-error">
        <p role="alert">{intl.formatMessage(messages.loadFailed, { reason: requestErrorMessage(intl, loaded.error) })}</p>
        <button type="button" className="button button-small" onClick={reload}>
          {intl.formatMessage(messages.tryAgain)}
        </button>
      </div>
    );
  else if (entries.length === 0) body = <p className="activity-empty">{intl.formatMessage(messages.empty)}</p>;
  else
    body = (
      <ol className="activity-list" aria-label={intl.formatMessage(messages.entries)}>
        {[...entries].reverse().map((entry) => (
          <li key={entry.id} className={`activity-entry activity-${entry.kind}`}>
            <span className="activity-text">{activityEntryText(intl, entry, nicknames)}</span>{" "}
            <span className="activity-time muted">
              <RelativeTime timestamp={entry.at} now={Math.max(now, entry.at)} />
            </span>
          </li>
        ))}
      </ol>
    );

  return (
    <ModalDialog
      title={intl.formatMessage(confirming ? messages.clearTitle : messages.title)}
      role={confirming ? "alertdialog" : "dialog"}
      onClose={confirming ? cancelClear : onClose}
      busy={busy}
      fallbackFocus={fallbackFocus}
      className="activity-dialog"
    >
      <div ref={contentRef} className="activity-dialog-content">
        {confirming ? (
          <>
            <div className="modal-body">
              <p>{intl.formatMessage(messages.clearLead, { count: entries.length, jid })}</p>
              <DialogError error={error} />
            </div>
            <ConfirmActions
              busy={busy}
              onCancel={cancelClear}
              onConfirm={() => void clear()}
              label={intl.formatMessage(messages.clearConfirm)}
              busyLabel={intl.formatMessage(messages.clearing)}
              destructive
            />
          </>
        ) : (
          <>
            <div className="modal-body">
              <p className="muted">{intl.formatMessage(messages.lead, { jid })}</p>
              {body}
            </div>
            <div className="modal-actions">
              <button type="button" className="button" onClick={exportFile} disabled={entries.length === 0}>
                {intl.formatMessage(messages.export)}
              </button>
              <button type="button" className="button button-danger-outline" ref={clearRef} onClick={askClear} disabled={entries.length === 0}>
                {intl.formatMessage(messages.clear)}
              </button>
              <button type="button" className="button button-primary" data-autofocus="" onClick={onClose}>
                {intl.formatMessage(DIALOG_WORDS.close)}
              </button>
            </div>
          </>
        )}
      </div>
    </ModalDialog>
  );
}
