import { useCallback, useEffect, useRef, useState } from "react";
import type { ClientManagerApi, ListClientsResult } from "../../src/shared/index.js";
import { AccountScreen } from "./account-screen.js";
import { AccountSidebar } from "./account-sidebar.js";
import { AnnouncerProvider } from "./announcer.js";
import { Brand } from "./brand.js";
import { ClientManagerProvider } from "./client-manager-context.js";
import { requestErrorMessage } from "./describe.js";
import { RemoveAccountDialog } from "./remove-account-dialog.js";
import { SignInForm } from "./sign-in-form.js";
import { useAccounts, type AccountEntry } from "./use-accounts.js";

/** The whole UI. `api` is for tests; the app uses window.clientManager. */
export function App({ api }: { api?: ClientManagerApi }) {
  const content = (
    <AnnouncerProvider>
      <Screens />
    </AnnouncerProvider>
  );
  return api ? <ClientManagerProvider api={api}>{content}</ClientManagerProvider> : content;
}

const SIGNED_OUT = { status: "signed-out" } as const;

function Screens() {
  const accounts = useAccounts();
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
        Starting Warden…
      </div>
    );
  }
  if (accounts.phase === "failed") {
    return (
      <div className="splash splash-error">
        <p role="alert">Warden couldn't load your accounts. {requestErrorMessage(accounts.error)}</p>
        <button type="button" className="button" onClick={accounts.retry}>
          Try again
        </button>
      </div>
    );
  }

  const entries = addingJid ? accounts.accounts.filter((entry) => !sameAccount(entry.jid, addingJid)) : accounts.accounts;
  // First run, or every account removed: adding one is all there is to do.
  if (entries.length === 0) {
    return (
      <div className="sign-in-screen">
        <Brand />
        <div className="sign-in-card">
          <SignInForm state={SIGNED_OUT} notice={null} onSignedIn={signedIn} onAttempt={setAddingJid} />
        </div>
      </div>
    );
  }

  const current = entries.find((entry) => entry.jid === chosen) ?? entries[0]!;
  return (
    <div className="app-layout">
      <AccountSidebar
        accounts={entries}
        current={adding ? null : current.jid}
        onSelect={signedIn}
        onAdd={() => setAdding(true)}
        addRef={addRef}
      />
      <div className="app-content">
        {adding ? (
          <div className="sign-in-screen">
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
          </div>
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
  );
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

/** An account's screen while it is (or was, reconnecting) online; otherwise its sign-in form. */
function AccountView({ account, notice, onNotice, recordList, removeClients, outsideFocus }: AccountViewProps) {
  const { jid, state } = account;
  const [removing, setRemoving] = useState(false);
  const online = state.status === "online";
  useEffect(() => {
    if (online) onNotice(jid, null);
  }, [online, onNotice, jid]);
  const notify = useCallback((message: string) => onNotice(jid, message), [onNotice, jid]);
  const connected = state.status === "online" || state.status === "reconnecting" || (state.status === "connecting" && account.wasOnline);
  if (connected) return <AccountScreen account={account} onNotice={notify} recordList={recordList} removeClients={removeClients} outsideFocus={outsideFocus} />;
  return (
    <div className="sign-in-screen">
      <div className="sign-in-card">
        <SignInForm state={state} account={jid} notice={notice} />
      </div>
      <button type="button" className="button button-danger-outline" onClick={() => setRemoving(true)}>
        Remove account…
      </button>
      {removing ? <RemoveAccountDialog jid={jid} onClose={() => setRemoving(false)} fallbackFocus={outsideFocus} /> : null}
    </div>
  );
}
