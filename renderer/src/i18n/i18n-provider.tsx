import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { IntlProvider, ReactIntlErrorCode, type MessageFormatElement } from "react-intl";
import type { Language } from "../../../src/shared/index.js";
import { useClientManager } from "../client-manager-context.js";
import { pickLocale, PSEUDO_LOCALE, type UiLocale } from "./locales.js";
import de from "./messages/de.json";
import fr from "./messages/fr.json";
import { pseudoCatalog } from "./pseudo-locale.js";

type Catalog = Record<string, string> | Record<string, MessageFormatElement[]>;

/** English needs none: it is each message's defaultMessage, in the code. */
const CATALOGS: Partial<Record<UiLocale, Catalog>> = { de, fr };

/** The pseudo-locale's catalog, made once from the English messages the build extracted (a chunk of its own). */
let pseudo: Promise<Catalog> | undefined;
function loadPseudo(): Promise<Catalog> {
  pseudo ??= import("virtual:warden-english-messages").then((english) => pseudoCatalog(english.default));
  return pseudo;
}

function useCatalog(locale: UiLocale): Catalog | undefined {
  const [loaded, setLoaded] = useState<Catalog>();
  useEffect(() => {
    if (locale !== PSEUDO_LOCALE) return;
    let live = true;
    void loadPseudo().then((catalog) => live && setLoaded(catalog));
    return () => {
      live = false;
    };
  }, [locale]);
  return locale === PSEUDO_LOCALE ? loaded : CATALOGS[locale];
}

export type LanguageChoice = {
  /** The language chosen in settings; null follows the system's. */
  language: Language | null;
  /** Switches the UI at once and keeps the choice for this install; false when it could not be kept. */
  choose: (language: Language | null) => Promise<boolean>;
};

const LanguageContext = createContext<LanguageChoice | null>(null);

export function useLanguageChoice(): LanguageChoice {
  const choice = useContext(LanguageContext);
  if (!choice) throw new Error("useLanguageChoice needs an I18nProvider above it");
  return choice;
}

// A message missing from a catalog shows its English until it is translated; anything else is a bug worth seeing.
function reportIntlError(error: { code: string }) {
  if (error.code !== ReactIntlErrorCode.MISSING_TRANSLATION) console.error(error);
}

/**
 * The UI's language: the one chosen in settings (from the core's state), else the system's or the
 * browser's, else English. `locale` fixes it (tests).
 */
export function I18nProvider({ children, locale: fixed }: { children: ReactNode; locale?: UiLocale }) {
  const api = useClientManager();
  const [language, setLanguage] = useState<Language | null>(null);
  /** Once the user has chosen, the saved choice that arrives late no longer applies. */
  const chosenHere = useRef(false);

  useEffect(() => {
    let live = true;
    // If the state can't be read, the system's language stands: the app says why it couldn't load.
    void api.getState().then((result) => {
      if (live && !chosenHere.current && result.ok) setLanguage(result.value.language ?? null);
    });
    return () => {
      live = false;
    };
  }, [api]);

  const choose = useCallback(
    async (next: Language | null) => {
      chosenHere.current = true;
      setLanguage(next);
      // A bridge that fails (rather than answering with an error) means the same: not kept.
      const result = await api.setLanguage({ language: next }).catch(() => undefined);
      return result?.ok ?? false;
    },
    [api],
  );

  const locale = fixed ?? pickLocale(language, navigator.languages);
  const messages = useCatalog(locale);
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  const choice = useMemo(() => ({ language, choose }), [language, choose]);

  return (
    <LanguageContext.Provider value={choice}>
      <IntlProvider locale={locale} defaultLocale="en" messages={messages} onError={reportIntlError}>
        {children}
      </IntlProvider>
    </LanguageContext.Provider>
  );
}
