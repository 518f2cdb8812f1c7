// The words the desktop shell itself shows (tray menu, the first-close question), in the UI's
// languages, and which language that is. Pure. German speaks to the user with "du", as the UI does.
import { LANGUAGES, type Language } from "../src/shared/requests.js";

export type HostText = {
  trayToolTip: string;
  openWarden: string;
  quitWarden: string;
  closeQuestion: { message: string; detail: string; keepWatching: string; quit: string; cancel: string };
};

const TEXT: Record<Language, HostText> = {
  en: {
    trayToolTip: "Warden is watching your accounts",
    openWarden: "Open Warden",
    quitWarden: "Quit Warden",
    closeQuestion: {
      message: "Keep watching in the background?",
      detail: "Warden can keep checking your accounts for new sign-ins after you close this window, from its icon in the tray or menu bar.",
      keepWatching: "Keep watching",
      quit: "Quit",
      cancel: "Cancel",
    },
  },
  de: {
    trayToolTip: "Warden behält deine Konten im Blick",
    openWarden: "Warden öffnen",
    quitWarden: "Warden beenden",
    closeQuestion: {
      message: "Im Hintergrund weiter aufpassen?",
      detail: "Warden kann deine Konten auch nach dem Schließen dieses Fensters auf neue Anmeldungen prüfen, über sein Symbol im Infobereich oder in der Menüleiste.",
      keepWatching: "Weiter aufpassen",
      quit: "Beenden",
      cancel: "Abbrechen",
    },
  },
  fr: {
    trayToolTip: "Warden surveille vos comptes",
    openWarden: "Ouvrir Warden",
    quitWarden: "Quitter Warden",
    closeQuestion: {
      message: "Continuer la surveillance en arrière-plan ?",
      detail: "Warden peut continuer à vérifier les nouvelles connexions à vos comptes après la fermeture de cette fenêtre, depuis son icône dans la zone de notification ou la barre des menus.",
      keepWatching: "Continuer",
      quit: "Quitter",
      cancel: "Annuler",
    },
  },
};

export function hostText(language: Language): HostText {
  return TEXT[language];
}

/**
 * The language the shell speaks: the one chosen in Warden's settings, else the system's (e.g.
 * app.getLocale(): "de-AT" is German), else English — the page's rule, without its test locale.
 */
export function hostLanguage(chosen: Language | undefined, systemLocale: string): Language {
  if (chosen !== undefined) return chosen;
  const language = systemLocale.split(/[-_]/)[0]?.toLowerCase() ?? "";
  return (LANGUAGES as readonly string[]).includes(language) ? (language as Language) : "en";
}
