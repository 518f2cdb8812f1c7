import { useId, useState } from "react";
import { defineMessages, useIntl } from "react-intl";
import { LANGUAGES, type Language } from "../../src/shared/index.js";
import { useLanguageChoice } from "./i18n/i18n-provider.js";

const messages = defineMessages({
  label: { id: "language.label", defaultMessage: "Language" },
  system: { id: "language.system", defaultMessage: "System default", description: "Follow the language of the system or browser" },
  notKept: { id: "language.notKept", defaultMessage: "Couldn't keep this choice for next time." },
});

// Each language's name in itself, so someone who can't read the current language still finds theirs.
const NATIVE_NAMES: Record<Language, string> = { en: "English", de: "Deutsch", fr: "Français" };
const SYSTEM = "system";

function languageOf(value: string): Language | null {
  return (LANGUAGES as readonly string[]).includes(value) ? (value as Language) : null;
}

/** The UI's language: the system's, or one chosen for this install. Switches at once. */
export function LanguageSelect() {
  const intl = useIntl();
  const { language, choose } = useLanguageChoice();
  const id = useId();
  const [notKept, setNotKept] = useState(false);
  return (
    <div className="language-select">
      <label htmlFor={id}>{intl.formatMessage(messages.label)}</label>
      <select
        id={id}
        value={language ?? SYSTEM}
        onChange={(event) => {
          setNotKept(false);
          void choose(languageOf(event.target.value)).then((kept) => setNotKept(!kept));
        }}
      >
        <option value={SYSTEM}>{intl.formatMessage(messages.system)}</option>
        {LANGUAGES.map((tag) => (
          <option key={tag} value={tag} lang={tag}>
            {NATIVE_NAMES[tag]}
          </option>
        ))}
      </select>
      {notKept ? (
        <p className="field-error" role="alert">
          {intl.formatMessage(messages.notKept)}
        </p>
      ) : null}
    </div>
  );
}
