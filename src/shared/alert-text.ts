// The words of the desktop notifications Warden shows while it watches (a new sign-in, a new way
// in, a cleanup run), in the UI's languages. One definition for the Electron main process and the
// browser page. Names other clients chose are cleaned (display-text.ts) before they are shown.
import { isAlert, type ActivityEntry, type AlertEntry } from "./activity.js";
import { displayText } from "./display-text.js";
import type { Language } from "./requests.js";
import type { SeenClient } from "./seen-client.js";

export type Notice = { title: string; body: string };

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
};

// German speaks to the user with "du", as the UI does.
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
