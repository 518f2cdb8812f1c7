// "Only this device keeps access" in words: its steps with where each stands, its verified result,
// and its errors. Only what the core's progress says: "only this device" only when `verified`.
import { useIntl, defineMessage, defineMessages, type IntlShape } from "react-intl";
import { ONLY_THIS_DEVICE_STEPS, type OnlyThisDeviceError, type OnlyThisDeviceProgress, type OnlyThisDeviceStep } from "../../src/shared/index.js";
import { seenClientName, type Nicknames } from "./activity-text.js";
import { DetailsDisclosure } from "./details-disclosure.js";
import { changePasswordErrorText, type ErrorText } from "./error-text.js";

const STEP_LABELS = defineMessages({
  "check-password": { id: "onlyThisDevice.step.checkPassword", defaultMessage: "Check your current password" },
  "change-password": { id: "onlyThisDevice.step.changePassword", defaultMessage: "Change your password" },
  "sign-in-again": { id: "onlyThisDevice.step.signInAgain", defaultMessage: "Sign this device in again with the new password" },
  "remove-others": { id: "onlyThisDevice.step.removeOthers", defaultMessage: "Remove access from every other client and app token" },
  verify: { id: "onlyThisDevice.step.verify", defaultMessage: "Check the server's list: only this device left" },
}) satisfies Record<OnlyThisDeviceStep, unknown>;

export type StepState = "done" | "running" | "stopped" | "waiting";

const STATE_WORDS = defineMessages({
  done: { id: "onlyThisDevice.state.done", defaultMessage: "Done" },
  running: { id: "onlyThisDevice.state.running", defaultMessage: "In progress…" },
  stopped: { id: "onlyThisDevice.state.stopped", defaultMessage: "Stopped" },
  waiting: { id: "onlyThisDevice.state.waiting", defaultMessage: "Not started" },
}) satisfies Record<StepState, unknown>;

const messages = defineMessages({
  steps: { id: "onlyThisDevice.steps", defaultMessage: "Steps" },
  step: defineMessage<{ step: string; state: string }>({ id: "onlyThisDevice.stepState", defaultMessage: "{step}: {state}" }),
  stoppedAt: defineMessage<{ step: string }>({ id: "onlyThisDevice.stoppedAt", defaultMessage: "It stopped at “{step}”." }),
  verified: { id: "onlyThisDevice.verified", defaultMessage: "Only this device can use your account." },
  notVerified: defineMessage<{ count: number; names: string }>({
    id: "onlyThisDevice.notVerified",
    defaultMessage:
      "{count, plural, =0 {Warden couldn't confirm that only this device is left: the server's last list couldn't be read.} one {Not done: the server's last list still shows # other entry: {names}.} other {Not done: the server's last list still shows # other entries: {names}.}}",
  }),
  noFlow: { id: "onlyThisDevice.error.noFlow", defaultMessage: "There's nothing to continue: it already finished or was dismissed." },
  alreadyRunning: { id: "onlyThisDevice.error.alreadyRunning", defaultMessage: "“Only this device keeps access” is already running for this account." },
});

/** Where each step stands. `running`: the flow is going on now (the first step not done is the one running). */
export function stepStates(progress: OnlyThisDeviceProgress | null, running: boolean): Record<OnlyThisDeviceStep, StepState> {
  const done = new Set(progress?.done ?? []);
  const next = ONLY_THIS_DEVICE_STEPS.find((step) => !done.has(step));
  const states = {} as Record<OnlyThisDeviceStep, StepState>;
  for (const step of ONLY_THIS_DEVICE_STEPS) {
    states[step] = done.has(step)
      ? "done"
      : progress?.stopped?.step === step
        ? "stopped"
        : running && step === next && !progress?.stopped
          ? "running"
          : "waiting";
  }
  return states;
}

export function stepLabel(intl: IntlShape, step: OnlyThisDeviceStep): string {
  return intl.formatMessage(STEP_LABELS[step]);
}

/** The steps in order, each with its state in words (not by colour alone), and why it stopped behind Details. */
export function OnlyThisDeviceSteps({ progress, running }: { progress: OnlyThisDeviceProgress | null; running: boolean }) {
  const intl = useIntl();
  const states = stepStates(progress, running);
  const stopped = progress?.stopped;
  return (
    <>
      <ol className="steps" aria-label={intl.formatMessage(messages.steps)}>
        {ONLY_THIS_DEVICE_STEPS.map((step) => (
          <li key={step} className={`step step-${states[step]}`} aria-current={states[step] === "running" ? "step" : undefined}>
            {intl.formatMessage(messages.step, { step: stepLabel(intl, step), state: intl.formatMessage(STATE_WORDS[states[step]]) })}
          </li>
        ))}
      </ol>
      {stopped ? (
        <div className="callout callout-warning">
          <p>{intl.formatMessage(messages.stoppedAt, { step: stepLabel(intl, stopped.step) })}</p>
          <DetailsDisclosure detail={stopped.reason} />
        </div>
      ) : null}
    </>
  );
}

/** The verified result: "Only this device…" only when the last list showed this device alone; else what remains. */
export function onlyThisDeviceResultText(intl: IntlShape, result: NonNullable<OnlyThisDeviceProgress["result"]>, nicknames: Nicknames): { tone: "success" | "warning"; text: string } {
  if (result.verified) return { tone: "success", text: intl.formatMessage(messages.verified) };
  const names = intl.formatList(
    result.remaining.map((client) => seenClientName(intl, client, nicknames)),
    { type: "conjunction" },
  );
  return { tone: "warning", text: intl.formatMessage(messages.notVerified, { count: result.remaining.length, names }) };
}

export function onlyThisDeviceErrorText(intl: IntlShape, error: OnlyThisDeviceError): ErrorText {
  switch (error.kind) {
    case "no-flow":
      return { text: intl.formatMessage(messages.noFlow) };
    case "already-running":
      return { text: intl.formatMessage(messages.alreadyRunning) };
    default:
      return changePasswordErrorText(intl, error);
  }
}
