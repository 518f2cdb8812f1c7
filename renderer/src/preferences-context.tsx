import { createContext, useContext } from "react";
import { DEFAULT_PREFERENCES, type Preferences } from "../../src/shared/index.js";

const PreferencesContext = createContext<Preferences>(DEFAULT_PREFERENCES);

/** The install's preferences, as the accounts' store last heard them (app.tsx provides them). */
export const PreferencesProvider = PreferencesContext.Provider;

export function usePreferences(): Preferences {
  return useContext(PreferencesContext);
}
