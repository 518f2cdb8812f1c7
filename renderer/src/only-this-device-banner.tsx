import { useState } from "react";
import { defineMessage, defineMessages, useIntl } from "react-intl";
import { ONLY_THIS_DEVICE_STEPS, type OnlyThisDeviceProgress } from "../../src/shared/index.js";
import type { Nicknames } from "./activity-text.js";
import { useClientManager } from "./client-manager-context.js";
import { DetailsDisclosure } from "./details-disclosure.js";
import { requestErrorMessage } from "./error-text.js";
import { onlyThisDeviceResultText, stepLabel } from "./only-this-device-steps.js";

const messages = defineMessages({
  label: { id: "onlyThisDevice.banner.label", defaultMessage: "Only this device keeps access", description: "Accessible name of the banner about the flow" },
  unfinished: defineMessage<{ done: number; total: number }>({
    id: "onlyThisDevice.banner.unfinished",
    defaultMessage: "Finishing “Only this device” — {done} of {total} steps done.",
  }),
  stoppedAt: defineMessage<{ step: string }>({ id: "onlyThisDevice.stoppedAt", defaultMessage: "It stopped at “{step}”." }),
  signInFirst: { id: "onlyThisDevice.banner.signInFirst", defaultMessage: "Sign in with your new password to continue." },
  continue: { id: "onlyThisDevice.continue", defaultMessage: "Continue" },
  dismiss: { id: "onlyThisDevice.banner.dismiss", defaultMessage: "Dismiss" },
});

type OnlyThisDeviceBannerProps = {
  jid: string;
  progress: OnlyThisDeviceProgress;
  nicknames: Nicknames;
  /** Opens the flow's dialog, continuing where it stopped; absent while it can't (not signed in, reconnecting). */
  onContinue?: (() => void) | undefined;
  /** This device is signed out: the new password is needed before the flow can go on. */
  needsSignIn?: boolean;
};

/**
 * An account's "Only this device" until the user dismisses it: unfinished (after a restart or a
 * drop), how far it got and Continue; finished, its verified result.
 */
export function OnlyThisDeviceBanner({ jid, progress, nicknames, onContinue, needsSignIn = false }: OnlyThisDeviceBannerProps) {
  const intl = useIntl();
  const api = useClientManager();
  const [error, setError] = useState<string | null>(null);
  const result = progress.result ? onlyThisDeviceResultText(intl, progress.result, nicknames) : null;
  // Finished, or stopped at a step: the user may put it away once seen.
  const dismissible = result !== null || progress.stopped !== undefined;

  async function dismiss() {
    setError(null);
    const done = await api.dismissOnlyThisDevice({ jid });
    if (!done.ok) setError(requestErrorMessage(intl, done.error));
  }

  return (
    <section className={`callout callout-${result ? result.tone : "info"} only-this-device-banner`} aria-label={intl.formatMessage(messages.label)}>
      {result ? (
        <p>{result.text}</p>
      ) : (
        <>
          <p>{intl.formatMessage(messages.unfinished, { done: progress.done.length, total: ONLY_THIS_DEVICE_STEPS.length })}</p>
          {progress.stopped ? (
            <>
              <p>{intl.formatMessage(messages.stoppedAt, { step: stepLabel(intl, progress.stopped.step) })}</p>
              <DetailsDisclosure detail={progress.stopped.reason} />
            </>
          ) : null}
          {needsSignIn ? <p>{intl.formatMessage(messages.signInFirst)}</p> : null}
        </>
      )}
      <div className="banner-actions">
        {!result && onContinue ? (
          <button type="button" className="button button-small button-primary" onClick={onContinue}>
            {intl.formatMessage(messages.continue)}
          </button>
        ) : null}
        {dismissible ? (
          <button type="button" className="button button-small" onClick={() => void dismiss()}>
            {intl.formatMessage(messages.dismiss)}
          </button>
        ) : null}
      </div>
      {error ? <p role="alert">{error}</p> : null}
    </section>
  );
}
