import { useEffect, useRef, useState, type FormEvent, type ReactNode } from "react";
import { defineMessage, defineMessages, FormattedMessage, useIntl, type MessageTag } from "react-intl";
import type { ClientList, OnlyThisDeviceError, OnlyThisDeviceProgress, OnlyThisDeviceResult } from "../../src/shared/index.js";
import type { Nicknames } from "./activity-text.js";
import { useAnnounce } from "./announcer.js";
import { useClientManager } from "./client-manager-context.js";
import { DetailsDisclosure } from "./details-disclosure.js";
import { DIALOG_WORDS } from "./dialog-words.js";
import { ModalDialog } from "./modal-dialog.js";
import { OnlyThisDeviceSteps, onlyThisDeviceErrorText, onlyThisDeviceResultText } from "./only-this-device-steps.js";
import { PasswordFields, usePasswordFields, type PasswordFormError } from "./password-fields.js";

const messages = defineMessages({
  title: { id: "onlyThisDevice.title", defaultMessage: "Only this device keeps access" },
  account: defineMessage<{ jid: string; account: MessageTag }>({ id: "password.account", defaultMessage: "Account: <account>{jid}</account>" }),
  explainTitle: { id: "onlyThisDevice.explain.title", defaultMessage: "What will happen" },
  explainPassword: { id: "onlyThisDevice.explain.password", defaultMessage: "Your password is changed to the new one you choose here." },
  explainOthers: defineMessage<{ count: number }>({
    id: "onlyThisDevice.explain.others",
    defaultMessage:
      "{count, plural, =0 {Every other client and app token loses access.} one {Every other client and app token loses access: # is listed now.} other {Every other client and app token loses access: # are listed now.}}",
  }),
  explainThisDevice: { id: "onlyThisDevice.explain.thisDevice", defaultMessage: "This device stays signed in, with the new password." },
  explainResume: {
    id: "onlyThisDevice.explain.resume",
    defaultMessage: "If Warden closes or the connection drops half-way, it continues where it stopped. It keeps no password to do so.",
  },
  submit: { id: "onlyThisDevice.submit", defaultMessage: "Change password and remove the others" },
  working: { id: "onlyThisDevice.working", defaultMessage: "Working…" },
  continue: { id: "onlyThisDevice.continue", defaultMessage: "Continue" },
  finished: { id: "onlyThisDevice.finished", defaultMessage: "“Only this device keeps access” finished." },
});

type OnlyThisDeviceDialogProps = {
  jid: string;
  /** "start": ask for the passwords first; "continue": pick up a flow that stopped. */
  mode: "start" | "continue";
  /** The account's last list: how many others will lose access, said before the user confirms. */
  list: ClientList | null;
  /** Where the flow stands, as the core's "only-this-device-changed" events say it. */
  progress: OnlyThisDeviceProgress | null;
  nicknames: Nicknames;
  onClose: () => void;
  /** The password changed but this device was signed out: say so on the sign-in screen. */
  onSignedOut: (message: string) => void;
  fallbackFocus?: () => HTMLElement | null | undefined;
};

/** Errors that come before anything changed: the form is shown again to fix them. */
const BEFORE_ANY_CHANGE: ReadonlySet<OnlyThisDeviceError["kind"]> = new Set(["empty-password", "same-as-current", "wrong-current-password", "current-password-unverified", "refused"]);

type Phase = { name: "form"; error: PasswordFormError | null } | { name: "running" } | { name: "ended"; result: OnlyThisDeviceResult };

/**
 * The guided flow: what will happen, the current password and a new one twice, then the core's
 * steps as they go (its progress events), and the verified result at the end.
 */
export function OnlyThisDeviceDialog({ jid, mode, list, progress, nicknames, onClose, onSignedOut, fallbackFocus }: OnlyThisDeviceDialogProps) {
  const intl = useIntl();
  const api = useClientManager();
  const announce = useAnnounce();
  const fields = usePasswordFields();
  const [phase, setPhase] = useState<Phase>(mode === "start" ? { name: "form", error: null } : { name: "running" });
  const bodyRef = useRef<HTMLDivElement>(null);
  const actionsRef = useRef<HTMLDivElement>(null);
  const started = useRef(false);

  useEffect(() => {
    if (phase.name === "form" && phase.error) bodyRef.current?.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
    if (phase.name === "ended") actionsRef.current?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
  }, [phase]);

  async function run(request: () => Promise<OnlyThisDeviceResult>) {
    if (started.current) return;
    started.current = true;
    setPhase({ name: "running" });
    const result = await request();
    started.current = false;
    if (!result.ok) {
      const { text, detail } = onlyThisDeviceErrorText(intl, result.error);
      if (result.error.kind === "changed-but-sign-in-failed" || result.error.kind === "not-signed-in") onSignedOut(text);
      if (mode === "start" && BEFORE_ANY_CHANGE.has(result.error.kind)) {
        const at = result.error.kind === "wrong-current-password" ? { at: "current" as const } : {};
        setPhase({ name: "form", error: { text, ...(detail === undefined ? {} : { detail }), field: "current", ...at } });
        return;
      }
    } else if (result.value.result) {
      announce(`${intl.formatMessage(messages.finished)} ${onlyThisDeviceResultText(intl, result.value.result, nicknames).text}`);
    }
    setPhase({ name: "ended", result });
  }

  // Picking up where it stopped needs no password: the core kept the progress, and this device is signed in.
  useEffect(() => {
    if (mode === "continue") void run(() => api.continueOnlyThisDevice({ jid }));
    // Once, when the dialog opens to continue (`run` refuses a second start).
  }, []);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (phase.name !== "form") return;
    const invalid = fields.check(intl);
    if (invalid) {
      setPhase({ name: "form", error: invalid });
      return;
    }
    // The fields hold no password once it has been handed to the core.
    const passwords = fields.take();
    void run(() => api.startOnlyThisDevice({ jid, ...passwords }));
  }

  const running = phase.name === "running";
  if (phase.name === "form") {
    const others = list ? list.clients.filter((client) => !client.isCurrent).length : 0;
    return (
      <ModalDialog title={intl.formatMessage(messages.title)} onClose={onClose} fallbackFocus={fallbackFocus} className="password-dialog only-this-device-dialog">
        <form onSubmit={submit} noValidate>
          <div className="modal-body" ref={bodyRef}>
            <p className="dialog-lead">
              <FormattedMessage {...messages.account} values={{ jid, account: (chunks: ReactNode[]) => <strong className="jid">{chunks}</strong> }} />
            </p>
            <section className="password-reach" aria-label={intl.formatMessage(messages.explainTitle)}>
              <h3>{intl.formatMessage(messages.explainTitle)}</h3>
              <ul>
                <li>{intl.formatMessage(messages.explainPassword)}</li>
                <li>{intl.formatMessage(messages.explainOthers, { count: others })}</li>
                <li>{intl.formatMessage(messages.explainThisDevice)}</li>
              </ul>
              <p className="muted">{intl.formatMessage(messages.explainResume)}</p>
            </section>
            {/* For password managers: which account these passwords belong to. */}
            <input type="text" name="username" autoComplete="username" value={jid} readOnly hidden />
            <PasswordFields fields={fields} error={phase.error} busy={false} />
          </div>
          <div className="modal-actions">
            <button type="button" className="button" onClick={onClose}>
              {intl.formatMessage(DIALOG_WORDS.cancel)}
            </button>
            <button type="submit" className="button button-danger">
              {intl.formatMessage(messages.submit)}
            </button>
          </div>
        </form>
      </ModalDialog>
    );
  }

  // The answer's progress is the last word; until it comes, the events' progress.
  const shown = phase.name === "ended" && phase.result.ok ? phase.result.value : progress;
  const error = phase.name === "ended" && !phase.result.ok ? onlyThisDeviceErrorText(intl, phase.result.error) : null;
  const result = shown?.result ? onlyThisDeviceResultText(intl, shown.result, nicknames) : null;
  // Stopped before the end, with this device still signed in: it can pick up where it stopped.
  const signedOut = phase.name === "ended" && !phase.result.ok && (phase.result.error.kind === "changed-but-sign-in-failed" || phase.result.error.kind === "not-signed-in");
  const canContinue = phase.name === "ended" && shown !== null && !shown.result && !signedOut;
  return (
    <ModalDialog title={intl.formatMessage(messages.title)} onClose={onClose} busy={running} fallbackFocus={fallbackFocus} className="only-this-device-dialog">
      <div className="modal-body" ref={bodyRef}>
        <div aria-live="polite">
          <OnlyThisDeviceSteps progress={shown} running={running} />
        </div>
        <div role="status" aria-live="polite">
          {result ? <p className={`callout callout-${result.tone}`}>{result.text}</p> : null}
        </div>
        <div role="alert">
          {error ? (
            <div className="callout callout-error">
              <p>{error.text}</p>
              <DetailsDisclosure detail={error.detail} />
            </div>
          ) : null}
        </div>
      </div>
      <div className="modal-actions" ref={actionsRef}>
        {canContinue ? (
          <button type="button" className="button" onClick={() => void run(() => api.continueOnlyThisDevice({ jid }))}>
            {intl.formatMessage(messages.continue)}
          </button>
        ) : null}
        <button type="button" className="button button-primary" data-autofocus="" onClick={onClose} disabled={running} aria-busy={running}>
          {running ? intl.formatMessage(messages.working) : intl.formatMessage(DIALOG_WORDS.done)}
        </button>
      </div>
    </ModalDialog>
  );
}
