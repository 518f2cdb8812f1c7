import { useEffect, useId, useRef, useState } from "react";
import type { CertificateProblem } from "../../src/shared/index.js";
import { FORGET_SERVER_ACTION } from "./describe.js";
import { FingerprintText } from "./fingerprint-text.js";

type CertificatePromptProps = {
  problem: CertificateProblem;
  /** The server's name as the user knows it (the JID's domain or the advanced host). */
  server: string;
  busy: boolean;
  error: string | null;
  onTrust: () => void;
  onCancel: () => void;
  /** Open the account's details (pinned certificates, "forget this server"). */
  onShowDetails: () => void;
};

function headingOf(problem: CertificateProblem, server: string): string {
  // "Changed" would not always be true: the same certificate may simply have expired.
  if (problem.caVerifiedBefore) return `Warden can no longer verify ${server}`;
  return problem.pinMismatch ? "This server's certificate has changed" : "Warden can't verify this server";
}

/**
 * The certificate Warden could not verify, with enough to compare it, and a safe default. A server
 * that was CA-verified before gets no trust button at all: only "forget this server" in the
 * account's details starts over, for an administrator's real change.
 */
export function CertificatePrompt({ problem, server, busy, error, onTrust, onCancel, onShowDetails }: CertificatePromptProps) {
  const titleId = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copied, setCopied] = useState(false);
  useEffect(() => headingRef.current?.focus(), []);
  const alarming = problem.pinMismatch || problem.caVerifiedBefore;

  const copy = () => {
    void navigator.clipboard?.writeText(problem.fingerprint256).then(
      () => setCopied(true),
      () => setCopied(false),
    );
  };

  return (
    <section className={`certificate ${alarming ? "certificate-changed" : ""}`} aria-labelledby={titleId}>
      <h2 id={titleId} ref={headingRef} tabIndex={-1}>
        <svg className="certificate-icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24" focusable="false">
          <path d="M12 3 2 20h20L12 3Z" fill="currentColor" opacity=".15" />
          <path d="M12 3 2 20h20L12 3Z" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
          <path d="M12 10v4.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          <circle cx="12" cy="17.3" r="1.2" fill="currentColor" />
        </svg>
        {headingOf(problem, server)}
      </h2>
      {problem.caVerifiedBefore ? (
        <>
          <p>
            Until now <strong>{server}</strong> proved who it is with a certificate signed by a trusted authority. The certificate it
            presents now couldn't be verified: {problem.reason}. <strong>This can be an attack:</strong> someone may be intercepting your
            connection. Warden did not sign in, and your password and sign-in token were not sent.
          </p>
          <p>
            Only if your server's administrator tells you they really changed the server's setup, open the account's details and choose
            “{FORGET_SERVER_ACTION}”, then sign in again with your password.
          </p>
        </>
      ) : problem.pinMismatch ? (
        <p>
          <strong>{server}</strong> presented a different certificate from the one you trusted before. Administrators sometimes replace
          certificates, but this can also mean someone is intercepting your connection. Only trust it if your server's administrator
          confirms the fingerprint below.
        </p>
      ) : (
        <p>
          The certificate of <strong>{server}</strong> couldn't be verified: {problem.reason}. If you run this server yourself or its
          administrator gave you this fingerprint, you can trust it for this account.
        </p>
      )}
      <dl className="certificate-details">
        <div>
          <dt>Subject</dt>
          <dd>{problem.subject || "—"}</dd>
        </div>
        <div>
          <dt>Issuer</dt>
          <dd>{problem.issuer || "—"}</dd>
        </div>
        <div>
          <dt>Problem</dt>
          <dd>{problem.reason}</dd>
        </div>
        <div>
          <dt>SHA-256 fingerprint</dt>
          <dd className="fingerprint">
            <FingerprintText value={problem.fingerprint256} />
            <button type="button" className="link-button" onClick={copy}>
              {copied ? "Copied" : "Copy"}
            </button>
          </dd>
        </div>
      </dl>
      {error ? <p className="callout callout-error">{error}</p> : null}
      <div className="actions">
        <button type="button" className="button actions-aside" onClick={onShowDetails} disabled={busy}>
          Account details…
        </button>
        <button type="button" className="button button-primary" onClick={onCancel} disabled={busy}>
          Cancel
        </button>
        {problem.caVerifiedBefore ? null : (
          <button type="button" className={problem.pinMismatch ? "button button-danger" : "button"} onClick={onTrust} disabled={busy} aria-busy={busy}>
            {busy ? "Signing in…" : "Trust this certificate"}
          </button>
        )}
      </div>
    </section>
  );
}
