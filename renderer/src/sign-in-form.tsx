import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from "react";
import { defineMessage, defineMessages, FormattedMessage, useIntl, type MessageTag } from "react-intl";
import { DIALOG_WORDS } from "./dialog-words.js";
import type { AccountError, AccountState, RequestError, SignInRequest } from "../../src/shared/index.js";
import { AccountDetailsDialog } from "./account-details-dialog.js";
import { CertificatePrompt } from "./certificate-prompt.js";
import { useClientManager } from "./client-manager-context.js";
import { DetailsDisclosure } from "./details-disclosure.js";
import { signInErrorText } from "./error-text.js";
import { domainOf } from "./jid-domain.js";
import { markSignInStart } from "./perf.js";

const messages = defineMessages({
  enterAddress: { id: "signIn.error.address", defaultMessage: "Enter your XMPP address, like name@example.org." },
  badPort: { id: "signIn.error.port", defaultMessage: "The port must be a number from 1 to 65535." },
  deviceNameFailed: defineMessage<{ reason: string }>({ id: "signIn.error.deviceName", defaultMessage: "Couldn't set the device name: {reason}" }),
  enterPassword: { id: "signIn.error.password", defaultMessage: "Enter your password." },
  trustFailed: defineMessage<{ reason: string }>({ id: "signIn.error.trust", defaultMessage: "Couldn't trust the certificate: {reason}" }),
  certificateNoLonger: { id: "signIn.certificate.noLonger", defaultMessage: "Not signed in: Warden can no longer verify the server's certificate." },
  certificateNotTrusted: { id: "signIn.certificate.notTrusted", defaultMessage: "Not signed in: the server's certificate was not trusted." },
  forgotten: defineMessage<{ domain: string }>({ id: "signIn.forgotten", defaultMessage: "Warden forgot what it knew about {domain}. Sign in with your password to start again." }),
  resuming: defineMessage<{ jid: string; account: MessageTag }>({ id: "signIn.resuming", defaultMessage: "Signing in as <account>{jid}</account>…" }),
  details: { id: "account.action.details", defaultMessage: "Account details…" },
  tokenRejected: defineMessage<{ jid: string }>({
    id: "signIn.tokenRejected",
    defaultMessage: "This device's saved sign-in for {jid} is no longer accepted: it expired or its access was removed. Enter your password to sign in again.",
  }),
  passwordNeeded: defineMessage<{ jid: string }>({ id: "signIn.passwordNeeded", defaultMessage: "Enter the password for {jid} to sign in." }),
  signInAgain: { id: "signIn.title.again", defaultMessage: "Sign in again" },
  addAccount: { id: "signIn.title.add", defaultMessage: "Add an account" },
  signInTitle: { id: "signIn.title", defaultMessage: "Sign in to your XMPP account" },
  storedSignIn: { id: "signIn.continue.explain", defaultMessage: "This device keeps a sign-in for this account: you can continue without your password." },
  signingIn: { id: "signIn.signingIn", defaultMessage: "Signing in…" },
  continueAs: defineMessage<{ jid: string }>({ id: "signIn.continue", defaultMessage: "Continue as {jid}" }),
  usePassword: { id: "signIn.continue.usePassword", defaultMessage: "Use a different password" },
  lead: { id: "signIn.lead", defaultMessage: "See every phone, computer and app that can use your account, and cut off any of them." },
  address: { id: "signIn.address", defaultMessage: "XMPP address" },
  addressPlaceholder: { id: "signIn.address.placeholder", defaultMessage: "name@example.org", description: "An example address" },
  password: { id: "signIn.password", defaultMessage: "Password" },
  remember: { id: "signIn.remember", defaultMessage: "Remember me on this device" },
  rememberHint: { id: "signIn.remember.hint", defaultMessage: "A sign-in token is kept in your system keychain, never in a file." },
  advanced: { id: "signIn.advanced", defaultMessage: "Advanced" },
  host: { id: "signIn.host", defaultMessage: "Server host" },
  hostPlaceholder: { id: "signIn.host.placeholder", defaultMessage: "Found automatically" },
  port: { id: "signIn.port", defaultMessage: "Port" },
  security: { id: "signIn.security", defaultMessage: "Connection security" },
  starttls: { id: "signIn.security.starttls", defaultMessage: "STARTTLS" },
  starttlsHint: { id: "signIn.security.starttls.hint", defaultMessage: "usual, port 5222" },
  directTls: { id: "signIn.security.direct", defaultMessage: "Direct TLS" },
  directTlsHint: { id: "signIn.security.direct.hint", defaultMessage: "port 5223" },
  insecure: { id: "signIn.insecure", defaultMessage: "Allow an unencrypted connection to this computer" },
  insecureHint: { id: "signIn.insecure.hint", defaultMessage: "For a test server on this machine only." },
  device: { id: "signIn.device", defaultMessage: "Device name" },
  devicePlaceholder: { id: "signIn.device.placeholder", defaultMessage: "This computer's name" },
  deviceHint: { id: "signIn.device.hint", defaultMessage: "How this device appears in your list of clients." },
  signIn: { id: "signIn.submit", defaultMessage: "Sign in" },
});

type SignInFormProps = {
  /** The account's state; a new account's form gets `{ status: "signed-out" }`. */
  state: AccountState;
  /** An account this device knows: its JID is fixed. Absent: the form adds an account. */
  account?: string;
  /** Something to tell the user first (e.g. "You revoked this device and were signed out"). */
  notice: string | null;
  /** Offered when there is somewhere to go back to (adding an account while others exist). */
  onCancel?: () => void;
  /** The sign-in succeeded; `jid` is the account's, as the core named it. */
  onSignedIn?: (jid: string) => void;
  /** A sign-in from this form starts (its JID) or ends (null). */
  onAttempt?: (jid: string | null) => void;
};

type Tls = "starttls" | "direct";
const DEFAULT_PORT: Record<Tls, number> = { starttls: 5222, direct: 5223 };
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[?::1\]?)$/i;

/** `detailsFor`: the account whose details (pins, "forget this server") the message offers to open. */
type SignInError = AccountError | RequestError | { kind: "form"; message: string; detailsFor?: string };

export function SignInForm({ state, account, notice, onCancel, onSignedIn, onAttempt }: SignInFormProps) {
  const intl = useIntl();
  const api = useClientManager();
  const ids = {
    title: useId(),
    jid: useId(),
    password: useId(),
    remember: useId(),
    host: useId(),
    port: useId(),
    device: useId(),
    error: useId(),
    insecure: useId(),
  };
  const [jid, setJid] = useState(account ?? "");
  const [password, setPassword] = useState("");
  const [remember, setRemember] = useState(true);
  const [host, setHost] = useState("");
  const [port, setPort] = useState("");
  const [tls, setTls] = useState<Tls>("starttls");
  const [deviceName, setDeviceName] = useState("");
  const [allowInsecure, setAllowInsecure] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [attemptError, setAttemptError] = useState<SignInError | null>(null);
  const [dismissedCertificate, setDismissedCertificate] = useState<string | null>(null);
  const [trustError, setTrustError] = useState<string | null>(null);
  /** The account whose details dialog is open, if any. */
  const [detailsFor, setDetailsFor] = useState<string | null>(null);
  /** The core's error state once the user forgot that server: it no longer applies. */
  const [hiddenStateError, setHiddenStateError] = useState<AccountError | null>(null);
  const [localNotice, setLocalNotice] = useState<string | null>(null);
  /** The user chose the password form over continuing with this device's stored sign-in. */
  const [usePassword, setUsePassword] = useState(false);
  /** The account of the last sign-in attempt from here, which `attemptError` is about. */
  const attemptJid = useRef<string | null>(null);
  /**
   * The request behind a certificate question, kept only until the user answers it, so "Trust this
   * certificate" can sign in again without asking for the password twice (it was never sent: TLS
   * failed first). Cleared on every answer and on unmount.
   */
  const pending = useRef<SignInRequest | null>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const jidRef = useRef<HTMLInputElement>(null);
  const errorRef = useRef<HTMLDivElement>(null);

  useEffect(() => () => void (pending.current = null), []);

  // The core's state may name the account (password-needed, error, connecting at launch).
  const stateJid = "jid" in state ? state.jid : undefined;
  useEffect(() => {
    if (stateJid) setJid((current) => current || stateJid);
  }, [stateJid]);

  // After the error is on screen (an empty alert is not displayed, so it cannot take focus before).
  useEffect(() => {
    if (!attemptError || attemptError.kind === "certificate") return;
    errorRef.current?.focus();
    // Focus scrolls only the message into view: bring its Details and "Account details…" along.
    errorRef.current?.parentElement?.scrollIntoView({ block: "nearest" });
  }, [attemptError]);

  const passwordNeeded = state.status === "password-needed";
  // A stored sign-in: one button continues with it, the password form is a choice away.
  const continueAs = account !== undefined && state.status === "signed-out" && state.storedSignIn === true && !usePassword;
  const continueRef = useRef<HTMLButtonElement>(null);
  // The core resumes known accounts by itself: while it does, there is nothing to fill in.
  const resuming = account !== undefined && state.status === "connecting" && !submitting;
  // Focus on the first thing to fill in or press: the address, the password of a known account, or "Continue as".
  useEffect(() => {
    if (resuming) return;
    if (continueAs) continueRef.current?.focus();
    else if (account !== undefined) passwordRef.current?.focus();
    else jidRef.current?.focus();
  }, [resuming, continueAs, account, passwordNeeded]);

  const busy = submitting || state.status === "connecting";
  const error: SignInError | null = attemptError ?? (state.status === "error" && state.error !== hiddenStateError ? state.error : null);
  const errorJid = (attemptError ? attemptJid.current : stateJid) ?? jid.trim();
  const certificate = error?.kind === "certificate" && error.fingerprint256 !== dismissedCertificate ? error : null;
  const otherError = error && error.kind !== "certificate" ? error : null;

  async function signIn(request: SignInRequest) {
    markSignInStart();
    setSubmitting(true);
    setAttemptError(null);
    setTrustError(null);
    attemptJid.current = request.jid;
    onAttempt?.(request.jid);
    const result = await api.signIn(request);
    onAttempt?.(null);
    setSubmitting(false);
    if (result.ok) {
      pending.current = null;
      onSignedIn?.(("jid" in result.value ? result.value.jid : undefined) ?? request.jid);
      return;
    }
    if (result.error.kind !== "certificate") pending.current = null;
    setAttemptError(result.error);
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const account = jid.trim();
    const formError = (message: string, focus: HTMLInputElement | null) => {
      setAttemptError({ kind: "form", message });
      focus?.focus();
    };
    if (!/^[^@\s]+@[^@\s]+$/.test(account.split("/")[0] ?? "")) return formError(intl.formatMessage(messages.enterAddress), jidRef.current);
    let server: SignInRequest["server"];
    const serverHost = host.trim();
    if (serverHost) {
      const portNumber = port.trim() === "" ? DEFAULT_PORT[tls] : Number(port);
      if (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535) return formError(intl.formatMessage(messages.badPort), null);
      server = { host: serverHost, port: portNumber, tls };
    }
    const name = deviceName.trim();
    if (name) {
      const named = await api.setDeviceName({ deviceName: name });
      if (!named.ok) return formError(intl.formatMessage(messages.deviceNameFailed, { reason: signInErrorText(intl, named.error).text }), null);
    }
    // The password form always sends a password: continuing without one is the "Continue as" button's.
    if (password === "") return formError(intl.formatMessage(messages.enterPassword), passwordRef.current);
    const request: SignInRequest = { jid: account, password, remember, allowInsecureLoopback: allowInsecure && LOOPBACK.test(serverHost) };
    if (server) request.server = server;
    // The field never keeps a password that was sent.
    setPassword("");
    setDismissedCertificate(null);
    setLocalNotice(null);
    pending.current = request;
    await signIn(request);
  }

  async function trust() {
    if (!certificate) return;
    const account = pending.current?.jid ?? stateJid ?? jid.trim();
    // A decision only: the main process pins the certificate it saw itself.
    const trusted = await api.trustCertificate({ jid: account });
    if (!trusted.ok) {
      setTrustError(intl.formatMessage(messages.trustFailed, { reason: signInErrorText(intl, trusted.error).text }));
      return;
    }
    // Without a pending request (a launch with the stored token), the stored token signs in again.
    await signIn(pending.current ?? { jid: account, remember });
  }

  function cancelCertificate() {
    if (!certificate) return;
    const account = pending.current?.jid ?? stateJid ?? jid.trim();
    setDismissedCertificate(certificate.fingerprint256);
    pending.current = null;
    const message = intl.formatMessage(certificate.caVerifiedBefore ? messages.certificateNoLonger : messages.certificateNotTrusted);
    setAttemptError({ kind: "form", message, detailsFor: account });
    queueMicrotask(() => jidRef.current?.focus());
  }

  /** The server was forgotten and the account signed out: what was shown about it is over. */
  function forgotten(account: string) {
    setDetailsFor(null);
    pending.current = null;
    if (certificate) setDismissedCertificate(certificate.fingerprint256);
    if (state.status === "error") setHiddenStateError(state.error);
    setAttemptError(null);
    setJid(account);
    setLocalNotice(intl.formatMessage(messages.forgotten, { domain: domainOf(account) }));
  }

  const detailsDialog = detailsFor ? (
    <AccountDetailsDialog jid={detailsFor} onClose={() => setDetailsFor(null)} onForgotten={() => forgotten(detailsFor)} fallbackFocus={() => passwordRef.current} />
  ) : null;

  if (certificate) {
    const account = pending.current?.jid ?? stateJid ?? jid.trim();
    return (
      <>
        <CertificatePrompt
          problem={certificate}
          server={domainOf(account)}
          busy={busy}
          error={trustError}
          onTrust={() => void trust()}
          onCancel={cancelCertificate}
          onShowDetails={() => setDetailsFor(account)}
        />
        {detailsDialog}
      </>
    );
  }

  if (resuming) {
    return (
      <p className="signing-in" role="status">
        <span className="spinner" aria-hidden="true" />
        <FormattedMessage {...messages.resuming} values={{ jid: account, account: (chunks: ReactNode[]) => <span className="jid">{chunks}</span> }} />
      </p>
    );
  }

  const errorDetailsFor = otherError?.kind === "form" ? otherError.detailsFor : otherError?.kind === "downgrade" ? errorJid : undefined;
  const described = otherError && otherError.kind !== "form" ? signInErrorText(intl, otherError, errorJid) : null;
  const errorText = otherError?.kind === "form" ? otherError.message : (described?.text ?? null);
  const errorBlock = (
    <div className={errorText ? "callout callout-error sign-in-error" : undefined}>
      <div id={ids.error} ref={errorRef} tabIndex={-1} role="alert" className="alert-slot">
        {errorText}
      </div>
      <DetailsDisclosure detail={described?.detail} />
      {errorDetailsFor ? (
        <button type="button" className="button button-small" onClick={() => setDetailsFor(errorDetailsFor)}>
          {intl.formatMessage(messages.details)}
        </button>
      ) : null}
    </div>
  );
  const info =
    state.status === "password-needed"
      ? state.reason === "token-rejected"
        ? intl.formatMessage(messages.tokenRejected, { jid: state.jid })
        : intl.formatMessage(messages.passwordNeeded, { jid: state.jid })
      : (localNotice ?? notice);

  if (continueAs) {
    return (
      <>
        <section className="sign-in-form continue-as" aria-labelledby={ids.title} aria-busy={busy}>
          <h1 id={ids.title}>{intl.formatMessage(messages.signInAgain)}</h1>
          {info ? <p className="callout callout-info">{info}</p> : null}
          <p>{intl.formatMessage(messages.storedSignIn)}</p>
          <button
            type="button"
            ref={continueRef}
            className="button button-primary button-wide"
            disabled={busy}
            aria-busy={busy}
            onClick={() => void signIn({ jid: account, remember: true })}
          >
            {busy ? intl.formatMessage(messages.signingIn) : intl.formatMessage(messages.continueAs, { jid: account })}
          </button>
          <button type="button" className="button button-wide" disabled={busy} onClick={() => setUsePassword(true)}>
            {intl.formatMessage(messages.usePassword)}
          </button>
          {errorBlock}
        </section>
        {detailsDialog}
      </>
    );
  }

  return (
    <>
      <form className="sign-in-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={ids.title} aria-busy={busy}>
        <h1 id={ids.title}>{intl.formatMessage(account ? messages.signInAgain : onCancel ? messages.addAccount : messages.signInTitle)}</h1>
        {account ? null : <p className="lead">{intl.formatMessage(messages.lead)}</p>}
        {info ? <p className="callout callout-info">{info}</p> : null}
        <div className="field">
          <label htmlFor={ids.jid}>{intl.formatMessage(messages.address)}</label>
          <input
            id={ids.jid}
            ref={jidRef}
            type="text"
            inputMode="email"
            autoComplete="username"
            spellCheck={false}
            autoCapitalize="off"
            placeholder={intl.formatMessage(messages.addressPlaceholder)}
            value={jid}
            onChange={(e) => setJid(e.target.value)}
            readOnly={account !== undefined}
            disabled={busy}
            aria-describedby={errorText ? ids.error : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.password}>{intl.formatMessage(messages.password)}</label>
          <input
            id={ids.password}
            ref={passwordRef}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            disabled={busy}
            aria-describedby={errorText ? ids.error : undefined}
          />
        </div>
        {passwordNeeded ? null : (
          <>
            <div className="checkbox-field">
              <input id={ids.remember} type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} disabled={busy} />
              <label htmlFor={ids.remember}>
                {intl.formatMessage(messages.remember)}
                <span className="hint">{intl.formatMessage(messages.rememberHint)}</span>
              </label>
            </div>
            <details className="advanced">
              <summary>{intl.formatMessage(messages.advanced)}</summary>
              <div className="advanced-grid">
                <div className="field">
                  <label htmlFor={ids.host}>{intl.formatMessage(messages.host)}</label>
                  <input
                    id={ids.host}
                    type="text"
                    spellCheck={false}
                    autoCapitalize="off"
                    placeholder={intl.formatMessage(messages.hostPlaceholder)}
                    value={host}
                    onChange={(e) => setHost(e.target.value)}
                    disabled={busy}
                  />
                </div>
                <div className="field field-port">
                  <label htmlFor={ids.port}>{intl.formatMessage(messages.port)}</label>
                  <input
                    id={ids.port}
                    type="text"
                    inputMode="numeric"
                    placeholder={String(DEFAULT_PORT[tls])}
                    value={port}
                    onChange={(e) => setPort(e.target.value)}
                    disabled={busy || host.trim() === ""}
                  />
                </div>
              </div>
              <fieldset className="radio-group" disabled={busy || host.trim() === ""}>
                <legend>{intl.formatMessage(messages.security)}</legend>
                <label>
                  <input type="radio" name="tls" value="starttls" checked={tls === "starttls"} onChange={() => setTls("starttls")} /> {intl.formatMessage(messages.starttls)}
                  <span className="hint">{intl.formatMessage(messages.starttlsHint)}</span>
                </label>
                <label>
                  <input type="radio" name="tls" value="direct" checked={tls === "direct"} onChange={() => setTls("direct")} /> {intl.formatMessage(messages.directTls)}
                  <span className="hint">{intl.formatMessage(messages.directTlsHint)}</span>
                </label>
              </fieldset>
              {LOOPBACK.test(host.trim()) ? (
                <div className="checkbox-field">
                  <input id={ids.insecure} type="checkbox" checked={allowInsecure} onChange={(e) => setAllowInsecure(e.target.checked)} disabled={busy} />
                  <label htmlFor={ids.insecure}>
                    {intl.formatMessage(messages.insecure)}
                    <span className="hint">{intl.formatMessage(messages.insecureHint)}</span>
                  </label>
                </div>
              ) : null}
              <div className="field">
                <label htmlFor={ids.device}>{intl.formatMessage(messages.device)}</label>
                <input
                  id={ids.device}
                  type="text"
                  maxLength={128}
                  placeholder={intl.formatMessage(messages.devicePlaceholder)}
                  value={deviceName}
                  onChange={(e) => setDeviceName(e.target.value)}
                  disabled={busy}
                />
                <span className="hint">{intl.formatMessage(messages.deviceHint)}</span>
              </div>
            </details>
          </>
        )}
        {errorBlock}
        <div className="form-actions">
          {onCancel ? (
            <button type="button" className="button" onClick={onCancel} disabled={submitting}>
              {intl.formatMessage(DIALOG_WORDS.cancel)}
            </button>
          ) : null}
          <button type="submit" className="button button-primary button-wide" disabled={busy} aria-busy={busy}>
            {intl.formatMessage(busy ? messages.signingIn : messages.signIn)}
          </button>
        </div>
      </form>
      {detailsDialog}
    </>
  );
}
