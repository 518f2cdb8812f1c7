import { useCallback, useEffect, useId, useRef, useState, type ReactNode, type RefObject } from "react";
import { defineMessage, defineMessages, FormattedMessage, useIntl, type MessageTag } from "react-intl";
import { ConfirmActions, DialogError } from "./confirm-actions.js";
import { DIALOG_WORDS } from "./dialog-words.js";
import { PROTECTIONS, type AccountSecurity } from "../../src/shared/index.js";
import { useAnnounce } from "./announcer.js";
import { useClientManager } from "./client-manager-context.js";
import { protectionLabel } from "./describe.js";
import { forgetServerAction, requestErrorMessage } from "./error-text.js";
import { FingerprintText } from "./fingerprint-text.js";
import { domainOf } from "./jid-domain.js";
import { ModalDialog } from "./modal-dialog.js";

const messages = defineMessages({
  pinRemoved: { id: "details.pinRemoved", defaultMessage: "Certificate removed. If the server presents it again, Warden asks you first." },
  pinRemoveFailed: defineMessage<{ reason: string }>({ id: "details.pinRemoveFailed", defaultMessage: "Couldn't remove the certificate. {reason}" }),
  forgetFailed: defineMessage<{ reason: string }>({ id: "details.forgetFailed", defaultMessage: "Nothing was forgotten. {reason}" }),
  forgetTitle: defineMessage<{ action: string }>({ id: "details.forget.title", defaultMessage: "{action}?" }),
  forgetWhat: defineMessage<{ server: string; jid: string; b: MessageTag; account: MessageTag }>({
    id: "details.forget.what",
    defaultMessage:
      "Warden will forget the protections it has seen from <b>{server}</b> and the certificates you trusted for it, and remove this device's saved sign-in for <account>{jid}</account>.",
  }),
  forgetWarning: defineMessage<{ jid: string; account: MessageTag }>({
    id: "details.forget.warning",
    defaultMessage:
      "This signs <account>{jid}</account> out on this device, and the next sign-in asks for your password. Warden then accepts what the server offers at that sign-in, so do this only if your server's administrator confirms they changed the server.",
  }),
  forgetting: { id: "details.forget.working", defaultMessage: "Forgetting…" },
  forgetConfirm: { id: "details.forget.confirm", defaultMessage: "Forget and sign out" },
  title: { id: "details.title", defaultMessage: "Account details" },
  account: defineMessage<{ jid: string; account: MessageTag }>({ id: "password.account", defaultMessage: "Account: <account>{jid}</account>" }),
  server: defineMessage<{ server: string; b: MessageTag }>({ id: "details.server", defaultMessage: "Server: <b>{server}</b>" }),
  loading: { id: "details.loading", defaultMessage: "Loading what Warden remembers…" },
  loadFailed: defineMessage<{ reason: string }>({ id: "details.loadFailed", defaultMessage: "Couldn't load what Warden remembers about this server. {reason}" }),
  tryAgain: { id: "list.tryAgain", defaultMessage: "Try again" },
  protections: { id: "details.protections.title", defaultMessage: "Protections Warden expects" },
  protectionsHint: { id: "details.protections.hint", defaultMessage: "The server offered these when you signed in. If it later offers less, Warden refuses to sign in." },
  protectionsNone: defineMessage<{ jid: string }>({
    id: "details.protections.none",
    defaultMessage: "Nothing yet: Warden remembers what the server offers once you have signed in as {jid}.",
  }),
  pins: { id: "details.pins.title", defaultMessage: "Certificates you trusted" },
  pinsNone: { id: "details.pins.none", defaultMessage: "None." },
  removing: { id: "removeAccount.removing", defaultMessage: "Removing…" },
  remove: { id: "details.pins.remove", defaultMessage: "Remove" },
  changed: { id: "details.changed.title", defaultMessage: "If the server really changed" },
  changedHint: {
    id: "details.changed.hint",
    defaultMessage:
      "When the server offers less than before, or Warden can no longer verify a certificate it verified before, Warden refuses to sign in: that can be an attack. If your server's administrator changed its setup, start over here.",
  },
  forgetButton: defineMessage<{ action: string }>({ id: "details.forget.button", defaultMessage: "{action}…" }),
});

const bold = (chunks: ReactNode[]) => <strong>{chunks}</strong>;
const account = (chunks: ReactNode[]) => <strong className="jid">{chunks}</strong>;

type AccountDetailsDialogProps = {
  jid: string;
  onClose: () => void;
  /** Warden forgot the server and signed this account out on this device. */
  onForgotten: () => void;
  fallbackFocus?: () => HTMLElement | null | undefined;
};

type Status = { tone: "success" | "error"; text: string } | null;

type Phase =
  | { name: "loading" }
  | { name: "load-failed"; message: string }
  | { name: "details"; security: AccountSecurity; removing: string | null; status: Status }
  | { name: "confirm-forget"; security: AccountSecurity; working: boolean; error: string | null };

/**
 * What Warden remembers about an account's server: the protections it has seen, the certificates
 * the user trusted (each removable), and the one way to start over when the server really changed.
 */
export function AccountDetailsDialog({ jid, onClose, onForgotten, fallbackFocus }: AccountDetailsDialogProps) {
  const intl = useIntl();
  const api = useClientManager();
  const announce = useAnnounce();
  const ids = { protections: useId(), pins: useId(), forget: useId() };
  const [phase, setPhase] = useState<Phase>({ name: "loading" });
  const contentRef = useRef<HTMLDivElement>(null);
  const pinsHeadingRef = useRef<HTMLHeadingElement>(null);
  const forgetRef = useRef<HTMLButtonElement>(null);
  const server = domainOf(jid);

  const load = useCallback(async () => {
    setPhase({ name: "loading" });
    const result = await api.getAccountSecurity({ jid });
    setPhase(result.ok ? { name: "details", security: result.value, removing: null, status: null } : { name: "load-failed", message: requestErrorMessage(intl, result.error) });
  }, [api, jid, intl]);

  useEffect(() => {
    void load();
  }, [load]);

  // Switching between the details and the confirmation puts focus on what to do next there.
  const view = phase.name;
  const backFromConfirm = useRef(false);
  useEffect(() => {
    if (view === "confirm-forget" || view === "load-failed") contentRef.current?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
    if (view === "details" && backFromConfirm.current) {
      backFromConfirm.current = false;
      forgetRef.current?.focus();
    }
  }, [view]);

  async function remove(security: AccountSecurity, fingerprint256: string) {
    setPhase({ name: "details", security, removing: fingerprint256, status: null });
    const result = await api.removePinnedCertificate({ jid, fingerprint256 });
    if (result.ok) {
      const remaining = { ...security, pinnedFingerprints: security.pinnedFingerprints.filter((f) => f !== fingerprint256) };
      const text = intl.formatMessage(messages.pinRemoved);
      setPhase({ name: "details", security: remaining, removing: null, status: { tone: "success", text } });
      announce(text);
      // Its Remove button is gone: keep keyboard users in the same section.
      queueMicrotask(() => pinsHeadingRef.current?.focus());
    } else {
      setPhase({ name: "details", security, removing: null, status: { tone: "error", text: intl.formatMessage(messages.pinRemoveFailed, { reason: requestErrorMessage(intl, result.error) }) } });
    }
  }

  async function forget(security: AccountSecurity) {
    setPhase({ name: "confirm-forget", security, working: true, error: null });
    const result = await api.forgetServer({ jid });
    if (result.ok) {
      onForgotten();
      return;
    }
    setPhase({ name: "confirm-forget", security, working: false, error: intl.formatMessage(messages.forgetFailed, { reason: requestErrorMessage(intl, result.error) }) });
  }

  if (phase.name === "confirm-forget") {
    const { security, working, error } = phase;
    const back = () => {
      backFromConfirm.current = true;
      setPhase({ name: "details", security, removing: null, status: null });
    };
    return (
      <ModalDialog title={intl.formatMessage(messages.forgetTitle, { action: forgetServerAction(intl) })} role="alertdialog" onClose={onClose} busy={working} fallbackFocus={fallbackFocus} className="details-dialog">
        <div ref={contentRef}>
          <div className="modal-body">
            <p>
              <FormattedMessage {...messages.forgetWhat} values={{ server, jid, b: bold, account }} />
            </p>
            <p className="callout callout-warning">
              <FormattedMessage {...messages.forgetWarning} values={{ jid, account }} />
            </p>
            <DialogError error={error} />
          </div>
          <ConfirmActions
            busy={working}
            onCancel={back}
            onConfirm={() => void forget(security)}
            label={intl.formatMessage(messages.forgetConfirm)}
            busyLabel={intl.formatMessage(messages.forgetting)}
            destructive
          />
        </div>
      </ModalDialog>
    );
  }

  return (
    <ModalDialog title={intl.formatMessage(messages.title)} onClose={onClose} fallbackFocus={fallbackFocus} className="details-dialog">
      <div ref={contentRef}>
        <div className="modal-body">
          <p className="dialog-lead">
            <FormattedMessage {...messages.account} values={{ jid, account }} />
            <br />
            <FormattedMessage {...messages.server} values={{ server, b: bold }} />
          </p>
          {phase.name === "loading" ? (
            <p role="status" className="progress-text">
              {intl.formatMessage(messages.loading)}
            </p>
          ) : phase.name === "load-failed" ? (
            <p role="alert" className="callout callout-error">
              {intl.formatMessage(messages.loadFailed, { reason: phase.message })}
            </p>
          ) : (
            <SecurityDetails
              jid={jid}
              phase={phase}
              ids={ids}
              pinsHeadingRef={pinsHeadingRef}
              forgetRef={forgetRef}
              onRemove={(fingerprint) => void remove(phase.security, fingerprint)}
              onForget={() => setPhase({ name: "confirm-forget", security: phase.security, working: false, error: null })}
            />
          )}
        </div>
        <div className="modal-actions">
          {phase.name === "load-failed" ? (
            <button type="button" className="button" data-autofocus="" onClick={() => void load()}>
              {intl.formatMessage(messages.tryAgain)}
            </button>
          ) : null}
          <button type="button" className="button button-primary" onClick={onClose}>
            {intl.formatMessage(DIALOG_WORDS.close)}
          </button>
        </div>
      </div>
    </ModalDialog>
  );
}

type SecurityDetailsProps = {
  jid: string;
  phase: Extract<Phase, { name: "details" }>;
  ids: { protections: string; pins: string; forget: string };
  pinsHeadingRef: RefObject<HTMLHeadingElement | null>;
  forgetRef: RefObject<HTMLButtonElement | null>;
  onRemove: (fingerprint256: string) => void;
  onForget: () => void;
};

function SecurityDetails({ jid, phase, ids, pinsHeadingRef, forgetRef, onRemove, onForget }: SecurityDetailsProps) {
  const intl = useIntl();
  const { security, removing, status } = phase;
  // In the contract's order, and only the protections the UI has words for.
  const protections = PROTECTIONS.filter((protection) => security.protections.includes(protection));
  const busy = removing !== null;
  return (
    <>
      <section aria-labelledby={ids.protections} className="details-section">
        <h3 id={ids.protections}>{intl.formatMessage(messages.protections)}</h3>
        {protections.length > 0 ? (
          <>
            <p className="hint">{intl.formatMessage(messages.protectionsHint)}</p>
            <ul className="protection-list">
              {protections.map((protection) => (
                <li key={protection}>
                  <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14" focusable="false">
                    <path d="m3 8.5 3 3 7-7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
                  </svg>
                  {protectionLabel(intl, protection)}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="hint">{intl.formatMessage(messages.protectionsNone, { jid })}</p>
        )}
      </section>
      <section aria-labelledby={ids.pins} className="details-section">
        <h3 id={ids.pins} ref={pinsHeadingRef} tabIndex={-1}>
          {intl.formatMessage(messages.pins)}
        </h3>
        {security.pinnedFingerprints.length > 0 ? (
          <ul className="pin-list" aria-labelledby={ids.pins}>
            {security.pinnedFingerprints.map((fingerprint, index) => (
              <li key={fingerprint} className="fingerprint">
                <FingerprintText value={fingerprint} id={`${ids.pins}-${index}`} />
                <button
                  type="button"
                  className="button button-small"
                  aria-describedby={`${ids.pins}-${index}`}
                  onClick={() => onRemove(fingerprint)}
                  disabled={busy}
                  aria-busy={removing === fingerprint}
                >
                  {intl.formatMessage(removing === fingerprint ? messages.removing : messages.remove)}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="hint">{intl.formatMessage(messages.pinsNone)}</p>
        )}
        <div role="status" className={status ? `callout callout-${status.tone}` : undefined}>
          {status?.text}
        </div>
      </section>
      <section aria-labelledby={ids.forget} className="details-section">
        <h3 id={ids.forget}>{intl.formatMessage(messages.changed)}</h3>
        <p className="hint">{intl.formatMessage(messages.changedHint)}</p>
        <button type="button" ref={forgetRef} className="button button-danger-outline" onClick={onForget} disabled={busy}>
          {intl.formatMessage(messages.forgetButton, { action: forgetServerAction(intl) })}
        </button>
      </section>
    </>
  );
}
