// The current password, a new one with its strength, and the new one again: one form part for
// "Change password" and "Only this device keeps access", with the checks made before anything is sent.
import { useId, useState } from "react";
import { defineMessage, defineMessages, useIntl, type IntlShape, type MessageDescriptor } from "react-intl";
import { DetailsDisclosure } from "./details-disclosure.js";
import { passwordStrength } from "./password-strength.js";

const messages = defineMessages({
  current: { id: "password.current", defaultMessage: "Current password" },
  next: { id: "password.new", defaultMessage: "New password" },
  confirm: { id: "password.confirm", defaultMessage: "Confirm password" },
  strength: defineMessage<{ label: string }>({ id: "password.strengthLabel", defaultMessage: "{label}: ", description: "label: “Weak”, “Strong”…, before the hint" }),
  enterCurrent: { id: "password.enterCurrent", defaultMessage: "Enter your current password." },
  enterNew: { id: "error.password.empty", defaultMessage: "Enter a new password." },
  mismatch: { id: "password.mismatch", defaultMessage: "The new passwords don't match. Type the same new password twice." },
  sameAsCurrent: { id: "error.password.sameAsCurrent", defaultMessage: "The new password must be different from your current one." },
});

export type PasswordField = "current" | "next" | "confirm";

/** What went wrong: `field` is where focus goes; `at` the field the message is about, shown next to it (else below the fields). */
export type PasswordFormError = { text: string; detail?: string; field?: PasswordField; at?: PasswordField };

/** The three fields' values, kept here only until they are handed to the core. */
export function usePasswordFields() {
  const [current, setCurrent] = useState("");
  const [next, setNext] = useState("");
  const [confirm, setConfirm] = useState("");

  /** What the user must fix before anything is sent; null when the passwords can go. */
  function check(intl: IntlShape): PasswordFormError | null {
    const invalid = (message: MessageDescriptor, field: PasswordField) => ({ text: intl.formatMessage(message), field, at: field });
    if (current === "") return invalid(messages.enterCurrent, "current");
    if (next === "") return invalid(messages.enterNew, "next");
    if (next !== confirm) return invalid(messages.mismatch, "confirm");
    if (next === current) return invalid(messages.sameAsCurrent, "next");
    return null;
  }

  /** The passwords, for one request; the fields hold none afterwards. */
  function take(): { currentPassword: string; newPassword: string } {
    const taken = { currentPassword: current, newPassword: next };
    setCurrent("");
    setNext("");
    setConfirm("");
    return taken;
  }

  return { values: { current, next, confirm }, set: { current: setCurrent, next: setNext, confirm: setConfirm }, check, take };
}

export type PasswordFieldsState = ReturnType<typeof usePasswordFields>;

type PasswordFieldsProps = {
  fields: PasswordFieldsState;
  error: PasswordFormError | null;
  busy: boolean;
};

/** The fields with the new password's strength, and one alert region next to the field an error is about (or below them). */
export function PasswordFields({ fields, error, busy }: PasswordFieldsProps) {
  const intl = useIntl();
  const ids = { current: useId(), next: useId(), confirm: useId(), hint: useId(), error: useId() };
  const { current, next, confirm } = fields.values;
  const strength = passwordStrength(intl, next);
  const errorRegion = (at: PasswordField | undefined) =>
    error?.at === at ? (
      <div className={error ? `callout callout-error${at ? " field-error" : ""}` : undefined}>
        <div id={ids.error} role="alert">
          {error?.text}
        </div>
        <DetailsDisclosure detail={error?.detail} />
      </div>
    ) : null;
  const fieldProps = (field: PasswordField) => ({
    "aria-invalid": error?.field === field ? true : undefined,
    "aria-errormessage": error?.field === field ? ids.error : undefined,
  });
  const describedBy = error ? ids.error : undefined;
  return (
    <>
      <div className="field">
        <label htmlFor={ids.current}>{intl.formatMessage(messages.current)}</label>
        <input
          id={ids.current}
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => fields.set.current(e.target.value)}
          {...fieldProps("current")}
          aria-describedby={describedBy}
          disabled={busy}
        />
        {errorRegion("current")}
      </div>
      <div className="field">
        <label htmlFor={ids.next}>{intl.formatMessage(messages.next)}</label>
        <input
          id={ids.next}
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => fields.set.next(e.target.value)}
          aria-describedby={error ? `${ids.hint} ${ids.error}` : ids.hint}
          {...fieldProps("next")}
          disabled={busy}
        />
        <div className="strength" id={ids.hint} data-score={next ? strength.score : undefined}>
          <div className="strength-bar" aria-hidden="true">
            {[1, 2, 3, 4].map((step) => (
              <span key={step} className={next && strength.score >= step ? "on" : undefined} />
            ))}
          </div>
          <span>
            {strength.label ? <strong>{intl.formatMessage(messages.strength, { label: strength.label })}</strong> : null}
            {strength.hint}
          </span>
        </div>
        {errorRegion("next")}
      </div>
      <div className="field">
        <label htmlFor={ids.confirm}>{intl.formatMessage(messages.confirm)}</label>
        <input
          id={ids.confirm}
          type="password"
          autoComplete="new-password"
          value={confirm}
          onChange={(e) => fields.set.confirm(e.target.value)}
          {...fieldProps("confirm")}
          aria-describedby={describedBy}
          disabled={busy}
        />
        {errorRegion("confirm")}
      </div>
      {errorRegion(undefined)}
    </>
  );
}
