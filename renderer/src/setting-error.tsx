import { defineMessage, type IntlShape } from "react-intl";
import type { RequestError } from "../../src/shared/index.js";
import { requestErrorMessage } from "./error-text.js";

const saveFailed = defineMessage<{ reason: string }>({ id: "settings.saveFailed", defaultMessage: "Not saved. {reason}" });

/** Why a setting was not saved, in words. */
export function saveFailedText(intl: IntlShape, error: RequestError): string {
  return intl.formatMessage(saveFailed, { reason: requestErrorMessage(intl, error) });
}

/** A setting's error, if any, said as soon as it shows. */
export function SettingError({ id, error }: { id?: string; error: string | null }) {
  return error ? (
    <p id={id} role="alert" className="field-error">
      {error}
    </p>
  ) : null;
}
