import { useCallback, useRef, useState } from "react";
import type { ClientInfo, CredentialStorage, ListClientsResult } from "../../src/shared/index.js";
import { AccountDetailsDialog } from "./account-details-dialog.js";
import { AccountHeader } from "./account-header.js";
import { useAnnounce } from "./announcer.js";
import { ChangePasswordDialog } from "./change-password-dialog.js";
import { ClientsPanel } from "./clients-panel.js";
import type { AppEntry } from "./group-apps.js";
import { RemoveAccountDialog } from "./remove-account-dialog.js";
import { RevokeAppDialog } from "./revoke-app-dialog.js";
import { RevokeDialog } from "./revoke-dialog.js";
import { SignOutDialog } from "./sign-out-dialog.js";
import { domainOf } from "./jid-domain.js";
import type { AccountEntry } from "./use-accounts.js";
import { useClientList } from "./use-client-list.js";
import { useNow } from "./use-now.js";

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
  | { kind: "password" } | { kind: "details" } | { kind: "sign-out" } | { kind: "remove" } | null;

/** One account that is online or reconnecting: its header actions, its list and their dialogs. */
export function AccountScreen({ account, onNotice, recordList, removeClients, outsideFocus }: AccountScreenProps) {
  const { jid, state } = account;
  const online = state.status === "online";
  // The last credentials an online state reported (reconnecting states don't carry it).
  const credentialsRef = useRef<CredentialStorage | undefined>(undefined);
  if (state.status === "online") credentialsRef.current = state.credentials;
  const credentials = credentialsRef.current;
  const clients = useClientList(account, { recordList, removeClients });
  const now = useNow(30_000);
  const announce = useAnnounce();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const fallbackFocus = useCallback(() => headingRef.current, []);
  const close = useCallback(() => setDialog(null), []);
  const { refresh } = clients;
  const dropClients = clients.removeClients;

  const onRevoke = useCallback((client: ClientInfo) => setDialog({ kind: "revoke", client }), []);
  const onRevokeApp = useCallback((app: AppEntry) => setDialog({ kind: "revoke-app", app }), []);

  const onRevokeGone = useCallback((id: string) => dropClients([id]), [dropClients]);

  return (
    <div className="account-screen">
      <AccountHeader
        jid={jid}
        state={state}
        fetchedAt={clients.list?.fetchedAt ?? null}
        refreshing={clients.loading && clients.list !== null}
        now={now}
        onRefresh={() => {
          void refresh().then(() => announce("Client list refreshed."));
        }}
        onChangePassword={() => setDialog({ kind: "password" })}
        onShowDetails={() => setDialog({ kind: "details" })}
        onSignOut={() => setDialog({ kind: "sign-out" })}
        onRemove={() => setDialog({ kind: "remove" })}
      />
      <main className="account-main">
        {state.status === "reconnecting" || state.status === "connecting" ? (
          <p className="callout callout-warning" role="status">
            <strong>Connection lost.</strong> Warden is reconnecting{state.status === "reconnecting" && state.attempt > 1 ? ` (attempt ${state.attempt})` : ""}; the list below
            may be out of date.
          </p>
        ) : null}
        {credentials === "unavailable" && online ? (
          <p className="callout callout-info">
            <strong>This device won't remember you.</strong> No system keychain is available, so you'll need your password the next time you
            open Warden.
          </p>
        ) : null}
        <ClientsPanel clients={clients} now={now} onRevoke={onRevoke} onRevokeApp={onRevokeApp} headingRef={headingRef} />
      </main>
      {dialog?.kind === "revoke" ? (
        <RevokeDialog
          key={dialog.client.id}
          jid={jid}
          client={dialog.client}
          onClose={close}
          onGone={onRevokeGone}
          onChangePassword={() => setDialog({ kind: "password" })}
          onSignedOut={() => {
            onNotice("You revoked this device's access and were signed out here.");
          }}
          fallbackFocus={fallbackFocus}
        />
      ) : null}
      {dialog?.kind === "revoke-app" ? (
        <RevokeAppDialog
          key={dialog.app.grant.id}
          jid={jid}
          app={dialog.app}
          onClose={close}
          onGone={dropClients}
          onChangePassword={() => setDialog({ kind: "password" })}
          fallbackFocus={fallbackFocus}
        />
      ) : null}
      {dialog?.kind === "password" ? (
        <ChangePasswordDialog
          jid={jid}
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
            onNotice(`Warden forgot what it knew about ${domainOf(jid)} and signed you out on this device. Sign in with your password to start again.`);
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
            onNotice(forgot ? "You're signed out, and this device no longer remembers your account." : "You're signed out.");
          }}
        />
      ) : null}
      {dialog?.kind === "remove" ? <RemoveAccountDialog jid={jid} onClose={close} fallbackFocus={outsideFocus} /> : null}
    </div>
  );
}
