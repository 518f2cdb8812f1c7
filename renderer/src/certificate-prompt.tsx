import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { defineMessage, defineMessages, FormattedMessage, useIntl, type IntlShape, type MessageTag } from "react-intl";
import { DIALOG_WORDS } from "./dialog-words.js";
import type { CertificateProblem } from "../../src/shared/index.js";
import { forgetServerAction } from "./error-text.js";
import { FingerprintText } from "./fingerprint-text.js";

const messages = defineMessages({
  noLongerVerified: defineMessage<{ server: string }>({ id: "certificate.heading.noLongerVerified", defaultMessage: "Warden can no longer verify {server}" }),
  changed: { id: "certificate.heading.changed", defaultMessage: "This server's certificate has changed" },
  unverified: { id: "certificate.heading.unverified", defaultMessage: "Warden can't verify this server" },
  wasVerified: defineMessage<{ server: string; reason: string; b: MessageTag }>({
    id: "certificate.wasVerified",
    defaultMessage:
      "Until now <b>{server}</b> proved who it is with a certificate signed by a trusted authority. The certificate it presents now couldn't be verified: {reason}. <b>This can be an attack:</b> someone may be intercepting your connection. Warden did not sign in, and your password and sign-in token were not sent.",
  }),
  onlyIfChanged: defineMessage<{ action: string }>({
    id: "certificate.onlyIfChanged",
    defaultMessage:
      "Only if your server's administrator tells you they really changed the server's setup, open the account's details and choose “{action}”, then sign in again with your password.",
  }),
  pinMismatch: defineMessage<{ server: string; b: MessageTag }>({
    id: "certificate.pinMismatch",
    defaultMessage:
      "<b>{server}</b> presented a different certificate from the one you trusted before. Administrators sometimes replace certificates, but this can also mean someone is intercepting your connection. Only trust it if your server's administrator confirms the fingerprint below.",
  }),
  notVerified: defineMessage<{ server: string; reason: string; b: MessageTag }>({
    id: "certificate.notVerified",
    defaultMessage:
      "The certificate of <b>{server}</b> couldn't be verified: {reason}. If you run this server yourself or its administrator gave you this fingerprint, you can trust it for this account.",
  }),
  subject: { id: "certificate.subject", defaultMessage: "Subject" },
  issuer: { id: "certificate.issuer", defaultMessage: "Issuer" },
  problem: { id: "certificate.problem", defaultMessage: "Problem" },
  fingerprint: { id: "certificate.fingerprint", defaultMessage: "SHA-256 fingerprint" },
  copied: { id: "certificate.copied", defaultMessage: "Copied" },
  copy: { id: "certificate.copy", defaultMessage: "Copy" },
  details: { id: "account.action.details", defaultMessage: "Account details…" },
  signingIn: { id: "signIn.signingIn", defaultMessage: "Signing in…" },
  trust: { id: "certificate.trust", defaultMessage: "Trust this certificate" },
});

const bold = (chunks: ReactNode[]) => <strong>{chunks}</strong>;

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

function headingOf(intl: IntlShape, problem: CertificateProblem, server: string): string {
  // "Changed" would not always be true: the same certificate may simply have expired.
  if (problem.caVerifiedBefore) return intl.formatMessage(messages.noLongerVerified, { server });
  return intl.formatMessage(problem.pinMismatch ? messages.changed : messages.unverified);
}

/**
 * The certificate Warden could not verify, with enough to compare it, and a safe default. A server
 * that was CA-verified before gets no trust button at all: only "forget this server" in the
 * account's details starts over, for an administrator's real change.
 */
export function CertificatePrompt({ problem, server, busy, error, onTrust, onCancel, onShowDetails }: CertificatePromptProps) {
  const intl = useIntl();
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
      <h1 id={titleId} ref={headingRef} tabIndex={-1}>
        <svg className="certificate-icon" aria-hidden="true" viewBox="0 0 24 24" width="24" height="24" focusable="false">
          <path d="M12 3 2 20h20L12 3Z" fill="currentColor" opacity=".15" />
          <path d="M12 3 2 20h20L12 3Z" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinejoin="round" />
          <path d="M12 10v4.5" stroke="currentColor" strokeWidth="2" strokeLinecap="round" />
          <circle cx="12" cy="17.3" r="1.2" fill="currentColor" />
        </svg>
        {headingOf(intl, problem, server)}
      </h1>
      {problem.caVerifiedBefore ? (
        <>
          <p>
            <FormattedMessage {...messages.wasVerified} values={{ server, reason: problem.reason, b: bold }} />
          </p>
          <p>{intl.formatMessage(messages.onlyIfChanged, { action: forgetServerAction(intl) })}</p>
        </>
      ) : problem.pinMismatch ? (
        <p>
          <FormattedMessage {...messages.pinMismatch} values={{ server, b: bold }} />
        </p>
      ) : (
        <p>
          <FormattedMessage {...messages.notVerified} values={{ server, reason: problem.reason, b: bold }} />
        </p>
      )}
      <dl className="certificate-details">
        <div>
          <dt>{intl.formatMessage(messages.subject)}</dt>
          <dd>{problem.subject || "—"}</dd>
        </div>
        <div>
          <dt>{intl.formatMessage(messages.issuer)}</dt>
          <dd>{problem.issuer || "—"}</dd>
        </div>
        <div>
          <dt>{intl.formatMessage(messages.problem)}</dt>
          <dd>{problem.reason}</dd>
        </div>
        <div>
          <dt>{intl.formatMessage(messages.fingerprint)}</dt>
          <dd className="fingerprint">
            <FingerprintText value={problem.fingerprint256} />
            <button type="button" className="link-button" onClick={copy}>
              {intl.formatMessage(copied ? messages.copied : messages.copy)}
            </button>
          </dd>
        </div>
      </dl>
      {error ? <p className="callout callout-error">{error}</p> : null}
      <div className="actions">
        <button type="button" className="button actions-aside" onClick={onShowDetails} disabled={busy}>
          {intl.formatMessage(messages.details)}
        </button>
        <button type="button" className="button button-primary" onClick={onCancel} disabled={busy}>
          {intl.formatMessage(DIALOG_WORDS.cancel)}
        </button>
        {problem.caVerifiedBefore ? null : (
          <button type="button" className={problem.pinMismatch ? "button button-danger" : "button"} onClick={onTrust} disabled={busy} aria-busy={busy}>
            {intl.formatMessage(busy ? messages.signingIn : messages.trust)}
          </button>
        )}
      </div>
    </section>
  );
}
