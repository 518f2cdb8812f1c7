import { useCallback, useEffect, useId, useRef, useState, type RefObject } from "react";
import { PROTECTIONS, type AccountSecurity } from "../../src/shared/index.js";
import { useAnnounce } from "./announcer.js";
import { useClientManager } from "./client-manager-context.js";
import { FORGET_SERVER_ACTION, protectionLabel, requestErrorMessage } from "./describe.js";
import { FingerprintText } from "./fingerprint-text.js";
import { domainOf } from "./jid-domain.js";
import { ModalDialog } from "./modal-dialog.js";

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
    setPhase(result.ok ? { name: "details", security: result.value, removing: null, status: null } : { name: "load-failed", message: requestErrorMessage(result.error) });
  }, [api, jid]);

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
      const text = "Certificate removed. If the server presents it again, Warden asks you first.";
      setPhase({ name: "details", security: remaining, removing: null, status: { tone: "success", text } });
      announce(text);
      // Its Remove button is gone: keep keyboard users in the same section.
      queueMicrotask(() => pinsHeadingRef.current?.focus());
    } else {
      setPhase({ name: "details", security, removing: null, status: { tone: "error", text: `Couldn't remove the certificate. ${requestErrorMessage(result.error)}` } });
    }
  }

  async function forget(security: AccountSecurity) {
    setPhase({ name: "confirm-forget", security, working: true, error: null });
    const result = await api.forgetServer({ jid });
    if (result.ok) {
      onForgotten();
      return;
    }
    setPhase({ name: "confirm-forget", security, working: false, error: `Nothing was forgotten. ${requestErrorMessage(result.error)}` });
  }

  if (phase.name === "confirm-forget") {
    const { security, working, error } = phase;
    const back = () => {
      backFromConfirm.current = true;
      setPhase({ name: "details", security, removing: null, status: null });
    };
    return (
      <ModalDialog title={`${FORGET_SERVER_ACTION}?`} role="alertdialog" onClose={onClose} busy={working} fallbackFocus={fallbackFocus} className="details-dialog">
        <div ref={contentRef}>
          <div className="modal-body">
            <p>
              Warden will forget the protections it has seen from <strong>{server}</strong> and the certificates you trusted for it, and
              remove this device's saved sign-in for <strong className="jid">{jid}</strong>.
            </p>
            <p className="callout callout-warning">
              This signs <strong className="jid">{jid}</strong> out on this device, and the next sign-in asks for your password. Warden then
              accepts what the server offers at that sign-in, so do this only if your server's administrator confirms they changed the server.
            </p>
            <div role="alert" className={error ? "callout callout-error" : undefined}>
              {error}
            </div>
          </div>
          <div className="modal-actions">
            <button type="button" className="button" data-autofocus="" onClick={back} disabled={working}>
              Cancel
            </button>
            <button type="button" className="button button-danger" onClick={() => void forget(security)} disabled={working} aria-busy={working}>
              {working ? "Forgetting…" : "Forget and sign out"}
            </button>
          </div>
        </div>
      </ModalDialog>
    );
  }

  return (
    <ModalDialog title="Account details" onClose={onClose} fallbackFocus={fallbackFocus} className="details-dialog">
      <div ref={contentRef}>
        <div className="modal-body">
          <p className="dialog-lead">
            Account: <strong className="jid">{jid}</strong>
            <br />
            Server: <strong>{server}</strong>
          </p>
          {phase.name === "loading" ? (
            <p role="status" className="progress-text">
              Loading what Warden remembers…
            </p>
          ) : phase.name === "load-failed" ? (
            <p role="alert" className="callout callout-error">
              Couldn't load what Warden remembers about this server. {phase.message}
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
              Try again
            </button>
          ) : null}
          <button type="button" className="button button-primary" onClick={onClose}>
            Close
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
  const { security, removing, status } = phase;
  // In the contract's order, and only the protections the UI has words for.
  const protections = PROTECTIONS.filter((protection) => security.protections.includes(protection));
  const busy = removing !== null;
  return (
    <>
      <section aria-labelledby={ids.protections} className="details-section">
        <h3 id={ids.protections}>Protections Warden expects</h3>
        {protections.length > 0 ? (
          <>
            <p className="hint">The server offered these when you signed in. If it later offers less, Warden refuses to sign in.</p>
            <ul className="protection-list">
              {protections.map((protection) => (
                <li key={protection}>
                  <svg aria-hidden="true" viewBox="0 0 16 16" width="14" height="14" focusable="false">
                    <path d="m3 8.5 3 3 7-7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" />
                  </svg>
                  {protectionLabel(protection)}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <p className="hint">Nothing yet: Warden remembers what the server offers once you have signed in as {jid}.</p>
        )}
      </section>
      <section aria-labelledby={ids.pins} className="details-section">
        <h3 id={ids.pins} ref={pinsHeadingRef} tabIndex={-1}>
          Certificates you trusted
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
                  {removing === fingerprint ? "Removing…" : "Remove"}
                </button>
              </li>
            ))}
          </ul>
        ) : (
          <p className="hint">None.</p>
        )}
        <div role="status" className={status ? `callout callout-${status.tone}` : undefined}>
          {status?.text}
        </div>
      </section>
      <section aria-labelledby={ids.forget} className="details-section">
        <h3 id={ids.forget}>If the server really changed</h3>
        <p className="hint">
          When the server offers less than before, or Warden can no longer verify a certificate it verified before, Warden refuses to sign
          in: that can be an attack. If your server's administrator changed its setup, start over here.
        </p>
        <button type="button" ref={forgetRef} className="button button-danger-outline" onClick={onForget} disabled={busy}>
          {FORGET_SERVER_ACTION}…
        </button>
      </section>
    </>
  );
}
