// Browser mode only: the page shows desktop notifications for new sign-ins and cleanup runs itself,
// once the user allowed it (in the desktop app the main process notifies, and the page never asks).
import { createContext, useContext, useEffect, useRef, useState } from "react";
import { defineMessages, useIntl } from "react-intl";
import { watchNotice } from "../../src/shared/alert-text.js";
import { LANGUAGES, type Language } from "../../src/shared/index.js";
import { withNickname } from "./activity-text.js";
import { useClientManager } from "./client-manager-context.js";
import { useReveal } from "./reveal.js";
import type { AccountEntry } from "./use-accounts.js";

const messages = defineMessages({
  enable: { id: "desktopAlerts.enable", defaultMessage: "Get desktop alerts" },
  enabled: { id: "desktopAlerts.enabled", defaultMessage: "Desktop alerts are on for new sign-ins." },
  denied: {
    id: "desktopAlerts.denied",
    defaultMessage: "Desktop alerts are blocked for this page. To get them, allow notifications for it in your browser's site settings.",
  },
});

/** True where the page itself must notify (browser mode); false where its host does (the desktop app). */
const PageNotifiesContext = createContext(false);
export const PageNotifiesProvider = PageNotifiesContext.Provider;

export function usePageNotifies(): boolean {
  return useContext(PageNotifiesContext);
}

/** The browser's Notifications API, or undefined where there is none (or the host notifies). */
function pageNotifications(): typeof Notification | undefined {
  return typeof window.Notification === "function" ? window.Notification : undefined;
}

/** The permission as the browser has it now, and how to ask for it (only ever on a click). */
function useNotificationPermission(): { permission: NotificationPermission | "unsupported"; ask: () => void } {
  const supported = pageNotifications();
  const [permission, setPermission] = useState<NotificationPermission | "unsupported">(supported ? supported.permission : "unsupported");
  const ask = () => {
    const api = pageNotifications();
    if (!api) return;
    void api.requestPermission().then(setPermission);
  };
  return { permission, ask };
}

function noticeLanguage(locale: string): Language {
  const language = locale.split("-")[0] ?? "";
  return (LANGUAGES as readonly string[]).includes(language) ? (language as Language) : "en";
}

/**
 * Shows a notification for every new sign-in, new way in and cleanup run the core reports while the
 * page may (browser mode, permission granted); its click brings the window up and reveals the entry
 * it is about.
 */
export function useBrowserAlerts(accounts: readonly AccountEntry[]): void {
  const enabled = usePageNotifies();
  const api = useClientManager();
  const intl = useIntl();
  const reveal = useReveal();
  // The latest nicknames and words, without subscribing again on every change.
  const latest = useRef({ accounts, intl, reveal });
  useEffect(() => {
    latest.current = { accounts, intl, reveal };
  });
  useEffect(() => {
    if (!enabled) return;
    return api.on("activity-added", ({ jid, entry }) => {
      const Api = pageNotifications();
      if (!Api || Api.permission !== "granted") return;
      const { accounts: known, intl: words, reveal: show } = latest.current;
      const notice = watchNotice(jid, entry, noticeLanguage(words.locale));
      if (!notice) return;
      const nicknames = known.find((account) => account.jid === jid)?.options.nicknames ?? {};
      const about = notice.reveal?.id;
      const nickname = about !== undefined && Object.hasOwn(nicknames, about) ? nicknames[about] : undefined;
      const notification = new Api(notice.title, { body: withNickname(words, nickname, notice.body), tag: entry.id });
      notification.onclick = () => {
        window.focus();
        if (about !== undefined) show(jid, about);
        notification.close();
      };
    });
  }, [api, enabled]);
}

/** A quiet button that asks for the browser's permission when clicked; what it became, in words. */
export function DesktopAlertsButton() {
  const enabled = usePageNotifies();
  const intl = useIntl();
  const { permission, ask } = useNotificationPermission();
  if (!enabled || permission === "unsupported") return null;
  if (permission === "granted") return <p className="muted desktop-alerts-note">{intl.formatMessage(messages.enabled)}</p>;
  if (permission === "denied") return <p className="muted desktop-alerts-note">{intl.formatMessage(messages.denied)}</p>;
  return (
    <button type="button" className="button button-small button-quiet" onClick={ask}>
      {intl.formatMessage(messages.enable)}
    </button>
  );
}
