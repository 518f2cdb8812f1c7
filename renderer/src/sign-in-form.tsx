import { useEffect, useId, useRef, useState, type FormEvent } from "react";
import type { AccountError, AccountState, RequestError, SignInRequest } from "../../src/shared/index.js";
import { AccountDetailsDialog } from "./account-details-dialog.js";
import { CertificatePrompt } from "./certificate-prompt.js";
import { useClientManager } from "./client-manager-context.js";
import { signInErrorDetail, signInErrorMessage } from "./describe.js";
import { domainOf } from "./jid-domain.js";
import { markSignInStart } from "./perf.js";

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
  useEffect(() => {
    if (passwordNeeded) passwordRef.current?.focus();
  }, [passwordNeeded]);

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
    if (!/^[^@\s]+@[^@\s]+$/.test(account.split("/")[0] ?? "")) return formError("Enter your XMPP address, like name@example.org.", jidRef.current);
    let server: SignInRequest["server"];
    const serverHost = host.trim();
    if (serverHost) {
      const portNumber = port.trim() === "" ? DEFAULT_PORT[tls] : Number(port);
      if (!Number.isInteger(portNumber) || portNumber < 1 || portNumber > 65535) return formError("The port must be a number from 1 to 65535.", null);
      server = { host: serverHost, port: portNumber, tls };
    }
    const name = deviceName.trim();
    if (name) {
      const named = await api.setDeviceName({ deviceName: name });
      if (!named.ok) return formError(`Couldn't set the device name: ${signInErrorMessage(named.error)}`, null);
    }
    // No password: sign in with what this device remembered; the core answers password-needed if nothing.
    const request: SignInRequest = { jid: account, remember, allowInsecureLoopback: allowInsecure && LOOPBACK.test(serverHost) };
    if (password !== "") request.password = password;
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
      setTrustError(`Couldn't trust the certificate: ${signInErrorMessage(trusted.error)}`);
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
    const message = certificate.caVerifiedBefore
      ? "Not signed in: Warden can no longer verify the server's certificate."
      : "Not signed in: the server's certificate was not trusted.";
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
    setLocalNotice(`Warden forgot what it knew about ${domainOf(account)}. Sign in with your password to start again.`);
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

  // The core resumes known accounts by itself: while it does, there is nothing to fill in.
  if (account && state.status === "connecting" && !submitting) {
    return (
      <p className="signing-in" role="status">
        <span className="spinner" aria-hidden="true" />
        Signing in as <span className="jid">{account}</span>…
      </p>
    );
  }

  const errorText = otherError ? (otherError.kind === "form" ? otherError.message : signInErrorMessage(otherError)) : null;
  const errorDetail = otherError && otherError.kind !== "form" ? signInErrorDetail(otherError) : null;
  const errorDetailsFor = otherError?.kind === "form" ? otherError.detailsFor : otherError?.kind === "downgrade" ? errorJid : undefined;
  const info =
    state.status === "password-needed"
      ? state.reason === "token-rejected"
        ? `This device's saved sign-in for ${state.jid} is no longer accepted: it expired or was revoked. Enter your password to sign in again.`
        : `Enter the password for ${state.jid} to sign in.`
      : (localNotice ?? notice);

  return (
    <>
      <form className="sign-in-form" onSubmit={(event) => void submit(event)} noValidate aria-labelledby={ids.title} aria-busy={busy}>
        <h1 id={ids.title}>{account ? "Sign in again" : onCancel ? "Add an account" : "Sign in to your XMPP account"}</h1>
        {account ? null : <p className="lead">See every phone, computer and app that can use your account, and cut off any of them.</p>}
        {info ? <p className="callout callout-info">{info}</p> : null}
        <div className="field">
          <label htmlFor={ids.jid}>XMPP address</label>
          <input
            id={ids.jid}
            ref={jidRef}
            type="text"
            inputMode="email"
            autoComplete="username"
            spellCheck={false}
            autoCapitalize="off"
            placeholder="name@example.org"
            value={jid}
            onChange={(e) => setJid(e.target.value)}
            readOnly={account !== undefined}
            disabled={busy}
            aria-describedby={errorText ? ids.error : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor={ids.password}>Password</label>
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
                Remember me on this device
                <span className="hint">A sign-in token is kept in your system keychain, never in a file.</span>
              </label>
            </div>
            <details className="advanced">
              <summary>Advanced</summary>
              <div className="advanced-grid">
                <div className="field">
                  <label htmlFor={ids.host}>Server host</label>
                  <input
                    id={ids.host}
                    type="text"
                    spellCheck={false}
                    autoCapitalize="off"
                    placeholder="Found automatically"
                    value={host}
                    onChange={(e) => setHost(e.target.value)}
                    disabled={busy}
                  />
                </div>
                <div className="field field-port">
                  <label htmlFor={ids.port}>Port</label>
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
                <legend>Connection security</legend>
                <label>
                  <input type="radio" name="tls" value="starttls" checked={tls === "starttls"} onChange={() => setTls("starttls")} /> STARTTLS
                  <span className="hint">usual, port 5222</span>
                </label>
                <label>
                  <input type="radio" name="tls" value="direct" checked={tls === "direct"} onChange={() => setTls("direct")} /> Direct TLS
                  <span className="hint">port 5223</span>
                </label>
              </fieldset>
              {LOOPBACK.test(host.trim()) ? (
                <div className="checkbox-field">
                  <input id={ids.insecure} type="checkbox" checked={allowInsecure} onChange={(e) => setAllowInsecure(e.target.checked)} disabled={busy} />
                  <label htmlFor={ids.insecure}>
                    Allow an unencrypted connection to this computer
                    <span className="hint">For a test server on this machine only.</span>
                  </label>
                </div>
              ) : null}
              <div className="field">
                <label htmlFor={ids.device}>Device name</label>
                <input
                  id={ids.device}
                  type="text"
                  maxLength={128}
                  placeholder="This computer's name"
                  value={deviceName}
                  onChange={(e) => setDeviceName(e.target.value)}
                  disabled={busy}
                />
                <span className="hint">How this device appears in your list of clients.</span>
              </div>
            </details>
          </>
        )}
        <div className={errorText ? "callout callout-error sign-in-error" : undefined}>
          <div id={ids.error} ref={errorRef} tabIndex={-1} role="alert" className="alert-slot">
            {errorText}
          </div>
          {errorDetail ? (
            <details className="error-details">
              <summary>Details</summary>
              <p>{errorDetail}</p>
            </details>
          ) : null}
          {errorDetailsFor ? (
            <button type="button" className="button button-small" onClick={() => setDetailsFor(errorDetailsFor)}>
              Account details…
            </button>
          ) : null}
        </div>
        <div className="form-actions">
          {onCancel ? (
            <button type="button" className="button" onClick={onCancel} disabled={submitting}>
              Cancel
            </button>
          ) : null}
          <button type="submit" className="button button-primary button-wide" disabled={busy} aria-busy={busy}>
            {busy ? "Signing in…" : "Sign in"}
          </button>
        </div>
      </form>
      {detailsDialog}
    </>
  );
}
