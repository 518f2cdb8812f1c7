import { useCallback, useEffect, useId, useMemo, useRef, useState, type ReactNode } from "react";
import { defineMessage, defineMessages, FormattedMessage, useIntl, type MessageTag } from "react-intl";
import type { ClientInfo, CredentialStorage, ListClientsResult } from "../../src/shared/index.js";
import { AccountDetailsDialog } from "./account-details-dialog.js";
import { AccountHeader } from "./account-header.js";
import { ActivityDialog } from "./activity-dialog.js";
import { AlertsBanner } from "./alerts-banner.js";
import { NicknamesProvider } from "./nicknames.js";
import { useRevealNotListed, useRevealTarget } from "./reveal.js";
import { SettingsDialog } from "./settings-dialog.js";
import { useAnnounce } from "./announcer.js";
import { BulkRevokeDialog } from "./bulk-revoke-dialog.js";
import { ChangePasswordDialog } from "./change-password-dialog.js";
import { BackgroundOptions } from "./background-options.js";
import { CleanupRuleSection } from "./cleanup-rule-section.js";
import { useClientManager } from "./client-manager-context.js";
import { ClientsPanel } from "./clients-panel.js";
import { ServerDownNote } from "./server-down.js";
import type { AppEntry, ListEntry } from "./group-apps.js";
import { OnlyThisDeviceBanner } from "./only-this-device-banner.js";
import { OnlyThisDeviceDialog } from "./only-this-device-dialog.js";
import { RemoveAccountDialog } from "./remove-account-dialog.js";
import { RevokeAppDialog } from "./revoke-app-dialog.js";
import { RevokeDialog } from "./revoke-dialog.js";
import { SignOutDialog } from "./sign-out-dialog.js";
import { requestErrorMessage } from "./error-text.js";
import { domainOf } from "./jid-domain.js";
import { UnsupportedServer } from "./unsupported-server.js";
import type { AccountEntry } from "./use-accounts.js";
import { useClientList } from "./use-client-list.js";
import { useNow } from "./use-now.js";

const messages = defineMessages({
  skip: { id: "account.skipToList", defaultMessage: "Skip to the list" },
  retryFailed: defineMessage<{ reason: string }>({ id: "account.retryFailed", defaultMessage: "Couldn't retry now. {reason}" }),
  refreshed: { id: "account.refreshed", defaultMessage: "Client list refreshed." },
  reconnecting: defineMessage<{ b: MessageTag }>({
    id: "account.reconnecting",
    defaultMessage: "<b>Reconnecting.</b> Warden lost the connection and is reconnecting; the list below may be out of date.",
  }),
  reconnectingAttempt: defineMessage<{ attempt: number; b: MessageTag }>({
    id: "account.reconnectingAttempt",
    defaultMessage: "<b>Reconnecting.</b> Warden lost the connection and is reconnecting (attempt {attempt}); the list below may be out of date.",
  }),
  needsServer: {
    id: "account.needsServer",
    defaultMessage: "Refreshing the list, changing the password and removing access need the server: they're off until Warden is back.",
  },
  retrying: { id: "account.retrying", defaultMessage: "Retrying…" },
  retryNow: { id: "account.retryNow", defaultMessage: "Retry now" },
  noKeychain: defineMessage<{ b: MessageTag }>({
    id: "account.noKeychain",
    defaultMessage: "<b>This device won't remember you.</b> No system keychain is available, so you'll need your password the next time you open Warden.",
  }),
  signedOutSelf: { id: "account.notice.signedOutSelf", defaultMessage: "You signed this device out: the server ended its session." },
  forgotten: defineMessage<{ domain: string }>({
    id: "account.notice.forgotten",
    defaultMessage: "Warden forgot what it knew about {domain} and signed you out on this device. Sign in with your password to start again.",
  }),
  signedOutForgot: { id: "account.notice.signedOutForgot", defaultMessage: "You're signed out, and this device no longer remembers your account." },
  signedOut: { id: "account.notice.signedOut", defaultMessage: "You're signed out." },
});

const bold = (chunks: ReactNode[]) => <strong>{chunks}</strong>;

/** Where "Skip to the list" goes: the account screen's main area, past its header and its actions. */
const ACCOUNT_MAIN_ID = "account-main";

/**
 * The first Tab stop of the page while an account screen is shown (app.tsx renders it before the
 * sidebar): hidden until focused, it moves focus past the header to the list.
 */
export function SkipToList() {
  const intl = useIntl();
  return (
    <a
      className="skip-link"
      href={`#${ACCOUNT_MAIN_ID}`}
      onClick={(event) => {
        // Focus, not only scroll: the next Tab then goes on from the list, not from the top.
        event.preventDefault();
        const main = document.getElementById(ACCOUNT_MAIN_ID);
        main?.focus();
        main?.scrollIntoView({ block: "start" });
      }}
    >
      {intl.formatMessage(messages.skip)}
    </a>
  );
}

type AccountScreenProps = {
  account: AccountEntry;
  /** Leave a message for the account's sign-in form (after this device signed out). */
  onNotice: (message: string) => void;
  /** Where a list fetched here goes: the accounts' store, which the core's pushes also feed. */
  recordList: (jid: string, result: ListClientsResult) => void;
  removeClients: (jid: string, ids: string[]) => void;
  /** Where focus goes when this screen's element that opened a dialog is gone (the account removed). */
  outsideFocus: () => HTMLElement | null | undefined;
};

type OpenDialog =
  | { kind: "revoke"; client: ClientInfo }
  | { kind: "revoke-app"; app: AppEntry }
  | { kind: "bulk-revoke"; rows: ListEntry[] }
  | { kind: "only-this-device"; mode: "start" | "continue" }
  | { kind: "password" } | { kind: "details" } | { kind: "sign-out" } | { kind: "remove" } | { kind: "activity" } | { kind: "settings" } | null;

/** One account that is online or reconnecting: its header actions, its list and their dialogs. */
export function AccountScreen({ account, onNotice, recordList, removeClients, outsideFocus }: AccountScreenProps) {
  const intl = useIntl();
  const { jid, state } = account;
  const online = state.status === "online";
  // The last credentials an online state reported (reconnecting states don't carry it).
  const credentialsRef = useRef<CredentialStorage | undefined>(undefined);
  if (state.status === "online") credentialsRef.current = state.credentials;
  const credentials = credentialsRef.current;
  const clients = useClientList(account, { recordList, removeClients });
  const now = useNow(30_000);
  const announce = useAnnounce();
  const api = useClientManager();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const fallbackFocus = useCallback(() => headingRef.current, []);
  const close = useCallback(() => setDialog(null), []);
  const { refresh } = clients;
  const dropClients = clients.removeClients;

  const onRevoke = useCallback((client: ClientInfo) => setDialog({ kind: "revoke", client }), []);
  const onRevokeApp = useCallback((app: AppEntry) => setDialog({ kind: "revoke-app", app }), []);
  const onRevokeSelected = useCallback((rows: ListEntry[]) => setDialog({ kind: "bulk-revoke", rows }), []);

  const onRevokeGone = useCallback((id: string) => dropClients([id]), [dropClients]);
  // Reconnecting (or connecting again): what needs the server waits, and says why.
  const offline = !online;
  const offlineNoteId = useId();
  // What the revoke dialogs (one entry, one app, the selection) are all given.
  const revokeDialogProps = { jid, onClose: close, onChangePassword: () => setDialog({ kind: "password" }), fallbackFocus, offline };
  const [retry, setRetry] = useState<{ busy: boolean; error: string | null }>({ busy: false, error: null });
  async function retryNow() {
    setRetry({ busy: true, error: null });
    const result = await api.reconnectNow({ jid });
    setRetry({ busy: false, error: result.ok ? null : intl.formatMessage(messages.retryFailed, { reason: requestErrorMessage(intl, result.error) }) });
  }
  const unsupported = clients.error?.kind === "unsupported";
  const nicknames = useMemo(() => ({ jid, nicknames: account.options.nicknames }), [jid, account.options.nicknames]);
  useRevealNotListed(jid, clients.list);
  // A desktop notification clicked while a dialog that only shows things is open: the entry comes
  // first. A dialog that may be changing something (a revoke, the password) stays.
  const revealing = useRevealTarget(jid).target !== null;
  useEffect(() => {
    if (revealing) setDialog((open) => (open?.kind === "activity" || open?.kind === "settings" || open?.kind === "details" ? null : open));
  }, [revealing]);

  return (
    <NicknamesProvider value={nicknames}>
      <div className="account-screen">
        <AccountHeader
          jid={jid}
          state={state}
          fetchedAt={clients.list?.fetchedAt ?? null}
          refreshing={clients.loading && clients.list !== null}
          now={now}
          offlineNoteId={offline ? offlineNoteId : undefined}
          canRefresh={!unsupported}
          onRefresh={() => {
            void refresh().then(() => announce(intl.formatMessage(messages.refreshed)));
          }}
          onChangePassword={() => setDialog({ kind: "password" })}
          onOnlyThisDevice={() => setDialog({ kind: "only-this-device", mode: "start" })}
            onShowDetails={() => setDialog({ kind: "details" })}
          onShowActivity={() => setDialog({ kind: "activity" })}
          onShowSettings={() => setDialog({ kind: "settings" })}
          onSignOut={() => setDialog({ kind: "sign-out" })}
          onRemove={() => setDialog({ kind: "remove" })}
        />
        <main className="account-main" id={ACCOUNT_MAIN_ID} tabIndex={-1}>
          <AlertsBanner jid={jid} alerts={account.alerts} nicknames={account.options.nicknames} now={now} />
          {offline ? (
            <div className="callout callout-warning reconnecting-note">
              <p role="status">
                {state.status === "reconnecting" && state.attempt > 1 ? (
                  <FormattedMessage {...messages.reconnectingAttempt} values={{ attempt: state.attempt, b: bold }} />
                ) : (
                  <FormattedMessage {...messages.reconnecting} values={{ b: bold }} />
                )}
              </p>
              <p id={offlineNoteId}>{intl.formatMessage(messages.needsServer)}</p>
              {state.status === "reconnecting" ? (
                <button type="button" className="button button-small" onClick={() => void retryNow()} disabled={retry.busy} aria-busy={retry.busy}>
                  {intl.formatMessage(retry.busy ? messages.retrying : messages.retryNow)}
                </button>
              ) : null}
              {retry.error ? <p role="alert">{retry.error}</p> : null}
            </div>
          ) : null}
          {credentials === "unavailable" && online ? (
            <p className="callout callout-info">
              <FormattedMessage {...messages.noKeychain} values={{ b: bold }} />
            </p>
          ) : null}
          {account.onlyThisDevice && dialog?.kind !== "only-this-device" ? (
            <OnlyThisDeviceBanner
              jid={jid}
              progress={account.onlyThisDevice}
              nicknames={account.options.nicknames}
              onContinue={online ? () => setDialog({ kind: "only-this-device", mode: "continue" }) : undefined}
            />
          ) : null}
          {unsupported ? (
            <UnsupportedServer jid={jid} />
          ) : (
            <ServerDownNote.Provider value={offline ? offlineNoteId : undefined}>
              <ClientsPanel clients={clients} now={now} onRevoke={onRevoke} onRevokeApp={onRevokeApp} onRevokeSelected={onRevokeSelected} headingRef={headingRef} />
            </ServerDownNote.Provider>
          )}
        </main>
        {dialog?.kind === "revoke" ? (
          <RevokeDialog
            key={dialog.client.id}
            {...revokeDialogProps}
            client={dialog.client}
            onGone={onRevokeGone}
            onSignedOut={() => {
              onNotice(intl.formatMessage(messages.signedOutSelf));
            }}
          />
        ) : null}
        {dialog?.kind === "revoke-app" ? (
          <RevokeAppDialog key={dialog.app.grant.id} {...revokeDialogProps} app={dialog.app} onGone={dropClients} />
        ) : null}
        {dialog?.kind === "bulk-revoke" ? (
          <BulkRevokeDialog {...revokeDialogProps} rows={dialog.rows} onGone={dropClients} />
        ) : null}
        {dialog?.kind === "only-this-device" ? (
          <OnlyThisDeviceDialog
            jid={jid}
            mode={dialog.mode}
            list={clients.list}
            progress={account.onlyThisDevice}
            nicknames={account.options.nicknames}
            onClose={close}
            onSignedOut={onNotice}
            fallbackFocus={fallbackFocus}
          />
        ) : null}
        {dialog?.kind === "password" ? (
          <ChangePasswordDialog
            jid={jid}
            list={clients.list}
            onClose={close}
            onSignedOut={onNotice}
            fallbackFocus={fallbackFocus}
          />
        ) : null}
        {dialog?.kind === "details" ? (
          <AccountDetailsDialog
            jid={jid}
            onClose={close}
            onForgotten={() => {
              close();
              onNotice(intl.formatMessage(messages.forgotten, { domain: domainOf(jid) }));
            }}
            fallbackFocus={fallbackFocus}
          />
        ) : null}
        {dialog?.kind === "sign-out" ? (
          <SignOutDialog
            jid={jid}
            credentials={credentials}
            onClose={close}
            onSignedOut={(forgot) => {
              onNotice(intl.formatMessage(forgot ? messages.signedOutForgot : messages.signedOut));
            }}
          />
        ) : null}
        {dialog?.kind === "remove" ? <RemoveAccountDialog jid={jid} onClose={close} fallbackFocus={outsideFocus} /> : null}
        {dialog?.kind === "activity" ? <ActivityDialog jid={jid} nicknames={account.options.nicknames} onClose={close} fallbackFocus={fallbackFocus} /> : null}
        {dialog?.kind === "settings" ? (
          <SettingsDialog jid={jid} options={account.options} onClose={close} fallbackFocus={fallbackFocus}>
            <CleanupRuleSection jid={jid} days={account.options.cleanupAfterDays} list={clients.list} now={now} />
            <BackgroundOptions />
          </SettingsDialog>
        ) : null}
      </div>
    </NicknamesProvider>
  );
}
