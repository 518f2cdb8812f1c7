// The words of Warden's desktop notifications, in the UI's languages: those it shows while it
// watches (a new sign-in, a new way in, a cleanup run), and those saying a removal or password
// change finished while the window was unfocused. One definition for the Electron main process and
// the browser page. Names other clients chose are cleaned (display-text.ts) before they are shown.
import { isAlert, type ActivityEntry, type AlertEntry } from "./activity.js";
import { displayText } from "./display-text.js";
import type { Language } from "./requests.js";
import type { SeenClient } from "./seen-client.js";

export type Notice = { title: string; body: string };

/**
 * What a removal or password change came to, as its notification says it (electron/notifications.ts
 * picks which). The words name no client, account or server text: only what happened.
 */
export type CompletionKind =
  | "access-removed"
  | "signed-out-self"
  | "knows-password"
  | "signed-in-again"
  | "not-confirmed"
  | "not-removed"
  | "remove-failed"
  | "password-changed"
  /** Changed on the server, but signing this device in again with it failed. */
  | "password-changed-sign-in-failed"
  | "password-not-changed";

type Words = {
  newSignIn: (account: string) => string;
  newWayIn: (account: string) => string;
  /** Body of a new way in: `who` starts the sentence. */
  canNowSignInWith: (who: string, methods: string) => string;
  softwareOnDevice: (software: string, device: string) => string;
  clientOnDevice: (device: string) => string;
  unnamedClient: string;
  appToken: string;
  appTokenFor: (software: string) => string;
  /** Known sign-in methods, as "can now sign in with …" reads them. */
  authMethods: Record<"password" | "token" | "fast", string>;
  cleanupTitle: (account: string) => string;
  removed: (count: number, one: boolean) => string;
  notRemoved: (count: number, one: boolean) => string;
  nothingRemoved: string;
  completion: Record<CompletionKind, Notice>;
};

// German speaks to the user with "du", French with "vous", as the UI does; both name removing
// access as the UI's button does ("Zugriff entziehen", "Retirer l’accès").
const WORDS: Record<Language, Words> = {
  en: {
    newSignIn: (account) => `New sign-in to ${account}`,
    newWayIn: (account) => `New way into ${account}`,
    canNowSignInWith: (who, methods) => `${who} can now sign in with ${methods}`,
    softwareOnDevice: (software, device) => `${software} on ${device}`,
    clientOnDevice: (device) => `A client on ${device}`,
    unnamedClient: "A client that gave no name",
    appToken: "An app token",
    appTokenFor: (software) => `An app token for ${software}`,
    authMethods: { password: "the password", token: "an app token", fast: "a fast-reconnect token" },
    cleanupTitle: (account) => `Cleanup of ${account}`,
    removed: (count, one) => `Removed ${count} ${one ? "client" : "clients"} not used for a while.`,
    notRemoved: (count, one) => `${count} ${one ? "was" : "were"} not removed: open Warden to see why.`,
    nothingRemoved: "Nothing needed removing.",
    completion: {
      "access-removed": { title: "Access removed", body: "The client no longer has access to your account." },
      "signed-out-self": { title: "Signed out", body: "The server ended this device's session." },
      "knows-password": { title: "Not locked out: it knows your password", body: "Open Warden to change your password." },
      "signed-in-again": { title: "Signed in again", body: "The client signed in again. Open Warden to see what to do." },
      "not-confirmed": { title: "Removal not confirmed", body: "The client may still have access. Open Warden to try again." },
      "not-removed": { title: "Access not removed", body: "Open Warden to see what the server said." },
      "remove-failed": { title: "Couldn't remove access", body: "Open Warden to see why." },
      "password-changed": { title: "Password changed", body: "Your new password is in effect. Open Warden to review the app tokens that still have access." },
      "password-changed-sign-in-failed": { title: "Password changed — sign in again", body: "Your new password is in effect, but this device is not signed in with it yet. Open Warden to sign in." },
      "password-not-changed": { title: "Password not changed", body: "Open Warden to see why." },
    },
  },
  de: {
    newSignIn: (account) => `Neue Anmeldung bei ${account}`,
    newWayIn: (account) => `Neuer Zugang zu ${account}`,
    canNowSignInWith: (who, methods) => `${who} kann sich jetzt mit ${methods} anmelden`,
    softwareOnDevice: (software, device) => `${software} auf ${device}`,
    clientOnDevice: (device) => `Ein Client auf ${device}`,
    unnamedClient: "Ein Client ohne Namen",
    appToken: "Ein App-Token",
    appTokenFor: (software) => `Ein App-Token für ${software}`,
    authMethods: { password: "dem Passwort", token: "einem App-Token", fast: "einem Token zum schnellen Wiederverbinden" },
    cleanupTitle: (account) => `Aufgeräumt: ${account}`,
    removed: (count, one) => `${count} länger nicht ${one ? "genutzter Client" : "genutzte Clients"} entfernt.`,
    notRemoved: (count, one) => `${count} ${one ? "wurde" : "wurden"} nicht entfernt: Öffne Warden, um den Grund zu sehen.`,
    nothingRemoved: "Es gab nichts zu entfernen.",
    completion: {
      "access-removed": { title: "Zugriff entzogen", body: "Der Client hat keinen Zugriff mehr auf dein Konto." },
      "signed-out-self": { title: "Abgemeldet", body: "Der Server hat die Sitzung dieses Geräts beendet." },
      "knows-password": { title: "Nicht ausgesperrt: Der Client kennt dein Passwort", body: "Öffne Warden, um dein Passwort zu ändern." },
      "signed-in-again": { title: "Wieder angemeldet", body: "Der Client hat sich wieder angemeldet. Öffne Warden, um zu sehen, was zu tun ist." },
      "not-confirmed": { title: "Entzug des Zugriffs nicht bestätigt", body: "Der Client hat vielleicht noch Zugriff. Öffne Warden, um es erneut zu versuchen." },
      "not-removed": { title: "Zugriff nicht entzogen", body: "Öffne Warden, um die Antwort des Servers zu sehen." },
      "remove-failed": { title: "Zugriff konnte nicht entzogen werden", body: "Öffne Warden, um den Grund zu sehen." },
      "password-changed": {
        title: "Passwort geändert",
        body: "Dein neues Passwort gilt jetzt. Öffne Warden, um die App-Tokens zu prüfen, die noch Zugriff haben.",
      },
      "password-changed-sign-in-failed": {
        title: "Passwort geändert – melde dich neu an",
        body: "Dein neues Passwort gilt, aber dieses Gerät ist damit noch nicht angemeldet. Öffne Warden, um dich anzumelden.",
      },
      "password-not-changed": { title: "Passwort nicht geändert", body: "Öffne Warden, um den Grund zu sehen." },
    },
  },
  fr: {
    newSignIn: (account) => `Nouvelle connexion à ${account}`,
    newWayIn: (account) => `Nouvel accès à ${account}`,
    canNowSignInWith: (who, methods) => `${who} peut maintenant se connecter avec ${methods}`,
    softwareOnDevice: (software, device) => `${software} sur ${device}`,
    clientOnDevice: (device) => `Un client sur ${device}`,
    unnamedClient: "Un client qui n’a pas donné de nom",
    appToken: "Un jeton d’application",
    appTokenFor: (software) => `Un jeton d’application pour ${software}`,
    authMethods: { password: "le mot de passe", token: "un jeton d’application", fast: "un jeton de reconnexion rapide" },
    cleanupTitle: (account) => `Nettoyage de ${account}`,
    removed: (count, one) => `${count} ${one ? "client inutilisé depuis longtemps supprimé" : "clients inutilisés depuis longtemps supprimés"}.`,
    notRemoved: (count, one) => `${count} ${one ? "n’a pas pu être supprimé" : "n’ont pas pu être supprimés"} : ouvrez Warden pour voir pourquoi.`,
    nothingRemoved: "Il n’y avait rien à supprimer.",
    completion: {
      "access-removed": { title: "Accès retiré", body: "Le client n’a plus accès à votre compte." },
      "signed-out-self": { title: "Déconnecté", body: "Le serveur a fermé la session de cet appareil." },
      "knows-password": { title: "Pas bloqué : il connaît votre mot de passe", body: "Ouvrez Warden pour changer votre mot de passe." },
      "signed-in-again": { title: "Reconnecté", body: "Le client s’est reconnecté. Ouvrez Warden pour voir que faire." },
      "not-confirmed": { title: "Retrait de l’accès non confirmé", body: "Le client a peut-être encore accès. Ouvrez Warden pour réessayer." },
      "not-removed": { title: "Accès non retiré", body: "Ouvrez Warden pour voir la réponse du serveur." },
      "remove-failed": { title: "Impossible de retirer l’accès", body: "Ouvrez Warden pour voir pourquoi." },
      "password-changed": {
        title: "Mot de passe changé",
        body: "Votre nouveau mot de passe est en vigueur. Ouvrez Warden pour vérifier les jetons d’application qui ont encore accès.",
      },
      "password-changed-sign-in-failed": {
        title: "Mot de passe changé — reconnectez-vous",
        body: "Votre nouveau mot de passe est en vigueur, mais cet appareil n’est pas encore connecté avec lui. Ouvrez Warden pour vous connecter.",
      },
      "password-not-changed": { title: "Mot de passe non changé", body: "Ouvrez Warden pour voir pourquoi." },
    },
  },
};

function isOne(count: number, language: Language): boolean {
  return new Intl.PluralRules(language).select(count) === "one";
}

/** The entry as a notification names it: "Gajim on laptop", "An app token for Gajim", … */
export function clientWords(client: SeenClient, language: Language): string {
  const words = WORDS[language];
  const software = displayText(client.software);
  if (client.kind === "access") return software === undefined ? words.appToken : words.appTokenFor(software);
  const device = displayText(client.device);
  if (software !== undefined) return device === undefined ? software : words.softwareOnDevice(software, device);
  return device === undefined ? words.unnamedClient : words.clientOnDevice(device);
}

function methodWords(methods: readonly string[], language: Language): string {
  const known = WORDS[language].authMethods;
  // A method Warden has no words for is shown as the server sent it, cleaned.
  const words = methods.map((method) => (Object.hasOwn(known, method) ? known[method as keyof typeof known] : (displayText(method) ?? "?")));
  return new Intl.ListFormat(language, { type: "conjunction" }).format(words);
}

/** "New sign-in to alice@example.org" / "Gajim on laptop". */
export function alertNotice(entry: AlertEntry, account: string, language: Language): Notice {
  const words = WORDS[language];
  const shownAccount = displayText(account) ?? "";
  const who = clientWords(entry.client, language);
  switch (entry.kind) {
    case "new-sign-in":
      return { title: words.newSignIn(shownAccount), body: who };
    case "new-way-in":
      return { title: words.newWayIn(shownAccount), body: words.canNowSignInWith(who, methodWords(entry.added, language)) };
  }
}

/** One notification for one run of the cleanup rule: how many revokes were verified each way. */
export function cleanupNotice(account: string, removed: number, notRemoved: number, language: Language): Notice {
  const words = WORDS[language];
  const parts = [
    ...(removed > 0 ? [words.removed(removed, isOne(removed, language))] : []),
    ...(notRemoved > 0 ? [words.notRemoved(notRemoved, isOne(notRemoved, language))] : []),
  ];
  return { title: words.cleanupTitle(displayText(account) ?? ""), body: parts.length === 0 ? words.nothingRemoved : parts.join(" ") };
}

/** The notification for a finished removal or password change, in `language`. */
export function completionText(kind: CompletionKind, language: Language): Notice {
  return { ...WORDS[language].completion[kind] };
}

/** `reveal`: the entry a click should show with its revoke button focused. */
export type WatchNotice = Notice & { reveal?: { jid: string; id: string } };

/**
 * Which Activity entries earn a desktop notification, and its words: new sign-ins and new ways in
 * (a click reveals that entry), and one summary per cleanup run. The desktop app's main process and
 * the browser page both notify through this.
 */
export function watchNotice(jid: string, entry: ActivityEntry, language: Language): WatchNotice | null {
  if (isAlert(entry)) return { ...alertNotice(entry, jid, language), reveal: { jid, id: entry.client.id } };
  if (entry.kind === "cleanup-run" && entry.removed + entry.notRemoved > 0) return cleanupNotice(jid, entry.removed, entry.notRemoved, language);
  return null;
}
