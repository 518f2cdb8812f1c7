import type { InputHTMLAttributes } from "react";
import { defineMessage, type IntlShape } from "react-intl";
import { inactiveDaysSchema, MAX_INACTIVE_AFTER_DAYS } from "../../src/shared/index.js";

const invalid = defineMessage<{ max: number }>({ id: "days.invalid", defaultMessage: "Enter a whole number of days from 1 to {max}." });

/** The whole number of days typed, when it is one the settings accept (as the core checks it); else null. */
export function parseDays(text: string): number | null {
  const trimmed = text.trim();
  // Digits only: Number() would also take "1e2" or "7.0".
  if (!/^\d+$/.test(trimmed)) return null;
  const parsed = inactiveDaysSchema.safeParse(Number(trimmed));
  return parsed.success ? parsed.data : null;
}

/** What to say when the days typed are not accepted. */
export function daysInvalidText(intl: IntlShape): string {
  return intl.formatMessage(invalid, { max: MAX_INACTIVE_AFTER_DAYS });
}

type DaysInputProps = {
  id: string;
  value: string;
  onChange: (text: string) => void;
  disabled: boolean;
} & Pick<InputHTMLAttributes<HTMLInputElement>, "aria-invalid" | "aria-errormessage" | "aria-describedby">;

/** A number-of-days input (labelled by the caller), bounded as the settings accept it. */
export function DaysInput({ onChange, ...rest }: DaysInputProps) {
  return (
    <input
      type="number"
      inputMode="numeric"
      min={1}
      max={MAX_INACTIVE_AFTER_DAYS}
      step={1}
      onChange={(event) => onChange(event.target.value)}
      {...rest}
    />
  );
}
