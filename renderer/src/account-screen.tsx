import { useCallback, useRef, useState } from "react";
import type { AccountState, ClientInfo, CredentialStorage } from "../../src/shared/index.js";
import { AccountDetailsDialog } from "./account-details-dialog.js";
import { AccountHeader } from "./account-header.js";
import { useAnnounce } from "./announcer.js";
import { ChangePasswordDialog } from "./change-password-dialog.js";
import { ClientsPanel } from "./clients-panel.js";
import type { AppEntry } from "./group-apps.js";
import { RevokeAppDialog } from "./revoke-app-dialog.js";
import { RevokeDialog } from "./revoke-dialog.js";
import { SignOutDialog } from "./sign-out-dialog.js";
import { domainOf } from "./jid-domain.js";
import { useClientList } from "./use-client-list.js";
import { useNow } from "./use-now.js";

type AccountScreenProps = {
  jid: string;
  state: AccountState;
  /** The last credentials an online state reported (reconnecting states don't carry it). */
  credentials: CredentialStorage | undefined;
  /** Leave a message for the sign-in screen (after this device signed out). */
  onNotice: (message: string) => void;
};

type OpenDialog =
  | { kind: "revoke"; client: ClientInfo }
  | { kind: "revoke-app"; app: AppEntry }
  | { kind: "password" } | { kind: "details" } | { kind: "sign-out" } | null;

export function AccountScreen({ jid, state, credentials, onNotice }: AccountScreenProps) {
  const online = state.status === "online";
  const clients = useClientList(online);
  const now = useNow(30_000);
  const announce = useAnnounce();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const fallbackFocus = useCallback(() => headingRef.current, []);
  const close = useCallback(() => setDialog(null), []);
  const { refresh, removeClient } = clients;

  const onRevoke = useCallback((client: ClientInfo) => setDialog({ kind: "revoke", client }), []);
  const onRevokeApp = useCallback((app: AppEntry) => setDialog({ kind: "revoke-app", app }), []);

  const onRevokeListChanged = useCallback(
    (removedId: string | null) => {
      if (removedId) removeClient(removedId);
      void refresh();
    },
    [refresh, removeClient],
  );
  const onRevokeAppListChanged = useCallback(
    (removedIds: string[]) => {
      for (const id of removedIds) removeClient(id);
      void refresh();
    },
    [refresh, removeClient],
  );

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
      />
      <main className="account-main">
        {state.status === "reconnecting" ? (
          <p className="callout callout-warning" role="status">
            <strong>Connection lost.</strong> Warden is reconnecting{state.attempt > 1 ? ` (attempt ${state.attempt})` : ""}; the list below
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
          client={dialog.client}
          onClose={close}
          onListChanged={onRevokeListChanged}
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
          app={dialog.app}
          onClose={close}
          onListChanged={onRevokeAppListChanged}
          onChangePassword={() => setDialog({ kind: "password" })}
          fallbackFocus={fallbackFocus}
        />
      ) : null}
      {dialog?.kind === "password" ? (
        <ChangePasswordDialog
          jid={jid}
          onClose={close}
          onListChanged={() => void refresh()}
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
    </div>
  );
}
