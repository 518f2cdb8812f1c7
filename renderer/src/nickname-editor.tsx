import { useEffect, useId, useRef, useState } from "react";
import { defineMessages, useIntl } from "react-intl";
import { NICKNAME_MAX_LENGTH } from "../../src/shared/index.js";
import { useAnnounce } from "./announcer.js";
import { useClientManager } from "./client-manager-context.js";
import { DIALOG_WORDS } from "./dialog-words.js";
import { requestErrorMessage } from "./error-text.js";
import { useNicknames } from "./nicknames.js";

const messages = defineMessages({
  // Not "Name this device": in Warden "this device" is only ever the one Warden runs on.
  add: { id: "nickname.add", defaultMessage: "Add a name…" },
  rename: { id: "nickname.rename", defaultMessage: "Rename" },
  remove: { id: "nickname.remove", defaultMessage: "Remove name" },
  label: { id: "nickname.label", defaultMessage: "Your name for it", description: "Label of the field where the user names an entry (“Mum's tablet”)" },
  hint: { id: "nickname.hint", defaultMessage: "Only you see it. Enter saves, Escape cancels." },
  save: { id: "nickname.save", defaultMessage: "Save" },
  saved: { id: "nickname.saved", defaultMessage: "Name saved." },
  removed: { id: "nickname.removed", defaultMessage: "Name removed." },
  failed: { id: "nickname.failed", defaultMessage: "Couldn't save the name." },
});

/**
 * In an opened row: the user's own name for the entry, kept on this device (and, with sync on, in
 * the account's private storage). `id`: the entry the name is kept under.
 */
export function NicknameEditor({ id }: { id: string }) {
  const intl = useIntl();
  const api = useClientManager();
  const announce = useAnnounce();
  const { jid, nicknames } = useNicknames();
  const nickname = Object.hasOwn(nicknames, id) ? nicknames[id] : undefined;
  const [editing, setEditing] = useState(false);
  const [value, setValue] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const fieldId = useId();
  const hintId = useId();
  /** After the field closes, focus goes back to the button that opened it. */
  const refocus = useRef(false);

  useEffect(() => {
    if (editing) inputRef.current?.focus();
    else if (refocus.current) {
      refocus.current = false;
      openerRef.current?.focus();
    }
  }, [editing]);

  const close = () => {
    refocus.current = true;
    setEditing(false);
    setError(null);
  };

  async function save(next: string | null) {
    setBusy(true);
    setError(null);
    const result = await api.setNickname({ jid, id, nickname: next });
    setBusy(false);
    if (!result.ok) {
      setError(`${intl.formatMessage(messages.failed)} ${requestErrorMessage(intl, result.error)}`);
      return;
    }
    announce(intl.formatMessage(next === null || next.trim() === "" ? messages.removed : messages.saved));
    if (editing) close();
    else openerRef.current?.focus();
  }

  if (editing) {
    return (
      <div className="nickname-editor">
        <label htmlFor={fieldId}>{intl.formatMessage(messages.label)}</label>
        <input
          id={fieldId}
          ref={inputRef}
          type="text"
          value={value}
          maxLength={NICKNAME_MAX_LENGTH}
          aria-describedby={hintId}
          disabled={busy}
          autoComplete="off"
          onChange={(event) => setValue(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === "Enter") {
              event.preventDefault();
              void save(value);
            } else if (event.key === "Escape") {
              // Only the field closes, not a dialog or the row around it.
              event.preventDefault();
              event.stopPropagation();
              close();
            }
          }}
        />
        <p id={hintId} className="muted">
          {intl.formatMessage(messages.hint)}
        </p>
        <div className="nickname-actions">
          <button type="button" className="button button-small button-primary" onClick={() => void save(value)} disabled={busy} aria-busy={busy}>
            {intl.formatMessage(messages.save)}
          </button>
          <button type="button" className="button button-small" onClick={close} disabled={busy}>
            {intl.formatMessage(DIALOG_WORDS.cancel)}
          </button>
        </div>
        {error ? <p role="alert" className="callout callout-error">{error}</p> : null}
      </div>
    );
  }

  const open = () => {
    setValue(nickname ?? "");
    setEditing(true);
  };
  return (
    <div className="nickname-actions">
      <button type="button" className="button button-small" ref={openerRef} onClick={open}>
        {intl.formatMessage(nickname === undefined ? messages.add : messages.rename)}
      </button>
      {nickname !== undefined ? (
        <button type="button" className="button button-small" onClick={() => void save(null)} disabled={busy}>
          {intl.formatMessage(messages.remove)}
        </button>
      ) : null}
      {error ? <p role="alert" className="callout callout-error">{error}</p> : null}
    </div>
  );
}
