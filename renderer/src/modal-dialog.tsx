import { useEffect, useId, useLayoutEffect, useRef, type ReactNode } from "react";
import { useIntl } from "react-intl";
import { DIALOG_WORDS } from "./dialog-words.js";

type ModalDialogProps = {
  title: ReactNode;
  /** Called for Escape, the close button and Cancel; ignored while `busy`. */
  onClose: () => void;
  children: ReactNode;
  /** While an action runs, Escape does nothing (the action can't be taken back). */
  busy?: boolean;
  /** "alertdialog" for confirmations of destructive actions. */
  role?: "dialog" | "alertdialog";
  /** Where focus goes on close when the element that opened the dialog is gone. */
  fallbackFocus?: () => HTMLElement | null | undefined;
  className?: string;
};

/**
 * A native modal <dialog> (top layer, inert background, Escape) rendered while mounted. Focus moves
 * into it ([autofocus] or the first field) and returns to the opener when it closes.
 */
export function ModalDialog({ title, onClose, children, busy = false, role = "dialog", fallbackFocus, className }: ModalDialogProps) {
  const intl = useIntl();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const latest = useRef({ onClose, busy, fallbackFocus });
  useLayoutEffect(() => {
    latest.current = { onClose, busy, fallbackFocus };
  });

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) {
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
    }
    const first =
      dialog.querySelector<HTMLElement>("[data-autofocus]") ??
      dialog.querySelector<HTMLElement>("input:not([type=hidden]):not([hidden]):not([disabled]), select, textarea") ??
      dialog.querySelector<HTMLElement>(".modal-body button, .modal-actions button");
    first?.focus();
    return () => {
      if (dialog.open) dialog.close();
      const target = opener && opener.isConnected ? opener : latest.current.fallbackFocus?.();
      // After React removes the dialog, so nothing steals focus back.
      queueMicrotask(() => target?.focus());
    };
  }, []);

  const requestClose = () => {
    if (!latest.current.busy) latest.current.onClose();
  };

  return (
    <dialog
      ref={ref}
      role={role === "alertdialog" ? "alertdialog" : undefined}
      aria-modal="true"
      aria-labelledby={titleId}
      className={["modal", className].filter(Boolean).join(" ")}
      onCancel={(event) => {
        // Escape: React state decides whether the dialog stays.
        event.preventDefault();
        requestClose();
      }}
      onKeyDown={(event) => {
        if (event.key === "Escape") {
          event.preventDefault();
          event.stopPropagation();
          requestClose();
        }
      }}
    >
      <div className="modal-header">
        <h2 id={titleId} className="modal-title">
          {title}
        </h2>
        <button type="button" className="icon-button" aria-label={intl.formatMessage(DIALOG_WORDS.close)} onClick={requestClose} disabled={busy}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      {children}
    </dialog>
  );
}
