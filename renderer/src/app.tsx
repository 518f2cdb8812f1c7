import { useCallback, useEffect, useRef, useState } from "react";
import { defineMessage, defineMessages, useIntl } from "react-intl";
import type { ClientManagerApi, ListClientsResult } from "../../src/shared/index.js";
import { AccountScreen, SkipToList } from "./account-screen.js";
import { AccountSidebar } from "./account-sidebar.js";
import { AnnouncerProvider } from "./announcer.js";
import { Brand } from "./brand.js";
import { LanguageSelect } from "./language-select.js";
import { ClientManagerProvider } from "./client-manager-context.js";
import { requestErrorMessage } from "./error-text.js";
import { I18nProvider } from "./i18n/i18n-provider.js";
import { OnlyThisDeviceBanner } from "./only-this-device-banner.js";
import { PreferencesProvider } from "./preferences-context.js";
import { PageNotifiesProvider, useBrowserAlerts } from "./desktop-alerts.js";
import { RevealProvider } from "./reveal.js";
import { useWindowVisibility } from "./use-window-visibility.js";
import { RemoveAccountDialog } from "./remove-account-dialog.js";
import { SignInForm } from "./sign-in-form.js";
import { useAccounts, type AccountEntry } from "./use-accounts.js";
import { UpdateNotice } from "./updates.js";

/**
 * The whole UI. `api` is for tests; the app uses window.clientManager. `pageNotifies`: the page
 * shows desktop notifications itself (browser mode); in the desktop app the main process does.
 */
export function App({ api, pageNotifies = false }: { api?: ClientManagerApi; pageNotifies?: boolean }) {
  const content = (
    <I18nProvider>
      <AnnouncerProvider>
        <PageNotifiesProvider value={pageNotifies}>
          <Screens />
        </PageNotifiesProvider>
      </AnnouncerProvider>
    </I18nProvider>
  );
  return api ? <ClientManagerProvider api={api}>{content}</ClientManagerProvider> : content;
}

const messages = defineMessages({
  starting: { id: "startup.starting", defaultMessage: "Starting Warden…" },
  loadFailed: defineMessage<{ reason: string }>({ id: "startup.loadFailed", defaultMessage: "Warden couldn't load your accounts. {reason}" }),
  tryAgain: { id: "list.tryAgain", defaultMessage: "Try again" },
  removeAccount: { id: "account.action.remove", defaultMessage: "Remove account…" },
});

const SIGNED_OUT = { status: "signed-out" } as const;

function Screens() {
  const intl = useIntl();
  const accounts = useAccounts();
  useWindowVisibility();
  /** The account the user chose; the first one when none (or it was removed). */
  const [chosen, setChosen] = useState<string | null>(null);
  const [adding, setAdding] = useState(false);
  /**
   * The account the add form is signing in to: the core shows it while it signs in, and removes it
   * if that fails, but the form stays where it is until the answer.
   */
  const [addingJid, setAddingJid] = useState<string | null>(null);
  /** A message for an account's sign-in form, left by what signed it out. */
  const [notices, setNotices] = useState<ReadonlyMap<string, string>>(new Map());
  const addRef = useRef<HTMLButtonElement>(null);
  const outsideFocus = useCallback(() => addRef.current, []);

  const setNotice = useCallback((jid: string, message: string | null) => {
    setNotices((prev) => {
      if (message === null && !prev.has(jid)) return prev;
      const next = new Map(prev);
      if (message === null) next.delete(jid);
      else next.set(jid, message);
      return next;
    });
  }, []);
  const signedIn = useCallback((jid: string) => {
    setChosen(jid);
    setAdding(false);
  }, []);

  if (accounts.phase === "loading") {
    return (
      <div className="splash" role="status">
        <span className="spinner" aria-hidden="true" />
        {intl.formatMessage(messages.starting)}
      </div>
    );
  }
  if (accounts.phase === "failed") {
    return (
      <div className="splash splash-error">
        <p role="alert">{intl.formatMessage(messages.loadFailed, { reason: requestErrorMessage(intl, accounts.error) })}</p>
        <button type="button" className="button" onClick={accounts.retry}>
          {intl.formatMessage(messages.tryAgain)}
        </button>
      </div>
    );
  }

  const entries = addingJid ? accounts.accounts.filter((entry) => !sameAccount(entry.jid, addingJid)) : accounts.accounts;
  // First run, or every account removed: adding one is all there is to do.
  if (entries.length === 0) {
    return (
      <main className="sign-in-screen">
        <Brand />
        <UpdateNotice updates={accounts.updates} />
        <div className="sign-in-card">
          <SignInForm state={SIGNED_OUT} notice={null} onSignedIn={signedIn} onAttempt={setAddingJid} />
        </div>
        <LanguageSelect />
      </main>
    );
  }

  const current = entries.find((entry) => entry.jid === chosen) ?? entries[0]!;
  return (
    <PreferencesProvider value={accounts.preferences}>
      <RevealProvider onShowAccount={signedIn}>
        <BrowserAlerts accounts={entries} />
        <div className="app-layout">
          {!adding && showsAccountScreen(current) ? <SkipToList /> : null}
          <AccountSidebar
            accounts={entries}
            current={adding ? null : current.jid}
            onSelect={signedIn}
            onAdd={() => setAdding(true)}
            addRef={addRef}
          />
          <div className="app-content">
            <UpdateNotice updates={accounts.updates} />
            {adding ? (
              <main className="sign-in-screen">
                <div className="sign-in-card">
                  <SignInForm
                    state={SIGNED_OUT}
                    notice={null}
                    onSignedIn={signedIn}
                    onAttempt={setAddingJid}
                    onCancel={() => {
                      setAdding(false);
                      addRef.current?.focus();
                    }}
                  />
                </div>
              </main>
            ) : (
              <AccountView
                key={current.jid}
                account={current}
                notice={notices.get(current.jid) ?? null}
                onNotice={setNotice}
                recordList={accounts.recordList}
                removeClients={accounts.removeClients}
                outsideFocus={outsideFocus}
              />
            )}
          </div>
        </div>
      </RevealProvider>
    </PreferencesProvider>
  );
}

/** Browser mode's notifications for new sign-ins (inside RevealProvider: a click reveals the entry). */
function BrowserAlerts({ accounts }: { accounts: readonly AccountEntry[] }) {
  useBrowserAlerts(accounts);
  return null;
}

/** The same account, whatever resource or case the form was given (the core names accounts by bare JID). */
function sameAccount(bare: string, typed: string): boolean {
  return bare.toLowerCase() === (typed.split("/")[0] ?? "").toLowerCase();
}

type AccountViewProps = {
  account: AccountEntry;
  notice: string | null;
  /** null: the notice no longer applies (the account is back online). */
  onNotice: (jid: string, message: string | null) => void;
  recordList: (jid: string, result: ListClientsResult) => void;
  removeClients: (jid: string, ids: string[]) => void;
  outsideFocus: () => HTMLElement | null | undefined;
};

/** Online, or reconnecting after it was: the account's screen shows (with its list) rather than its sign-in form. */
function showsAccountScreen({ state, wasOnline }: AccountEntry): boolean {
  return state.status === "online" || state.status === "reconnecting" || (state.status === "connecting" && wasOnline);
}

/** An account's screen while it is (or was, reconnecting) online; otherwise its sign-in form. */
function AccountView({ account, notice, onNotice, recordList, removeClients, outsideFocus }: AccountViewProps) {
  const intl = useIntl();
  const { jid, state } = account;
  const [removing, setRemoving] = useState(false);
  const online = state.status === "online";
  useEffect(() => {
    if (online) onNotice(jid, null);
  }, [online, onNotice, jid]);
  const notify = useCallback((message: string) => onNotice(jid, message), [onNotice, jid]);
  if (showsAccountScreen(account)) return <AccountScreen account={account} onNotice={notify} recordList={recordList} removeClients={removeClients} outsideFocus={outsideFocus} />;
  return (
    <main className="sign-in-screen">
      {/* An "Only this device" that stopped after the password change: it goes on once signed in with the new password. */}
      {account.onlyThisDevice ? (
        <OnlyThisDeviceBanner jid={jid} progress={account.onlyThisDevice} nicknames={account.options.nicknames} needsSignIn />
      ) : null}
      <div className="sign-in-card">
        <SignInForm state={state} account={jid} notice={notice} />
      </div>
      <button type="button" className="button button-danger-outline" onClick={() => setRemoving(true)}>
        {intl.formatMessage(messages.removeAccount)}
      </button>
      {removing ? <RemoveAccountDialog jid={jid} onClose={() => setRemoving(false)} fallbackFocus={outsideFocus} /> : null}
    </main>
  );
}
