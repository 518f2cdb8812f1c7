import { useId } from "react";
import { withNickname } from "./activity-text.js";
import { NicknameFact, useNicknameOf } from "./nicknames.js";
import { defineMessage, defineMessages, useIntl } from "react-intl";
import type { ClientInfo, RevokeResult } from "../../src/shared/index.js";
import { useClientManager } from "./client-manager-context.js";
import { deviceLabel, kindLabel, softwareLabel, softwareName } from "./describe.js";
import { ModalDialog } from "./modal-dialog.js";
import { revokeConsequence } from "./revoke-consequence.js";
import { RevokeActions, RevokeStatus, useRevokeRun } from "./revoke-dialog-parts.js";
import { describeRevokeResult, revokeProgressText } from "./revoke-outcome-text.js";

type RevokeDialogProps = {
  jid: string;
  client: ClientInfo;
  onClose: () => void;
  /** Confirmed gone: drop it at once, before the list the core fetches after a revoke arrives. */
  onGone: (id: string) => void;
  /** Open the password dialog, for a client that knows the password. */
  onChangePassword: () => void;
  /** This device's own entry was revoked: the app is signed out. */
  onSignedOut?: () => void;
  fallbackFocus?: () => HTMLElement | null | undefined;
  /** Warden is reconnecting: nothing can be removed until the server is back. */
  offline: boolean;
};

const messages = defineMessages({
  titleSelf: { id: "revoke.title.self", defaultMessage: "Sign out this device?" },
  title: defineMessage<{ name: string }>({ id: "revoke.title", defaultMessage: "Remove access from {name}?" }),
  titleUnnamed: { id: "revoke.title.unnamed", defaultMessage: "Remove access from this client?" },
  summary: { id: "revoke.summary.client", defaultMessage: "Client", description: "Accessible name of the entry's summary" },
  software: { id: "revoke.summary.software", defaultMessage: "Software" },
  device: { id: "revoke.summary.device", defaultMessage: "Device" },
  kind: { id: "revoke.summary.kind", defaultMessage: "Kind" },
  thisDevice: { id: "list.section.thisDevice", defaultMessage: "This device" },
  connected: { id: "entry.activity.connected", defaultMessage: "Connected" },
  offline: { id: "list.chip.offline", defaultMessage: "Offline" },
  signOut: { id: "entry.action.signOut", defaultMessage: "Sign out" },
  removeAccess: { id: "entry.action.removeAccess", defaultMessage: "Remove access" },
  signingOut: { id: "revoke.signingOut", defaultMessage: "Signing out…" },
  removing: { id: "password.grants.revoking", defaultMessage: "Removing access…" },
});

/** Confirm, run and report a revoke, all in one dialog, so the outcome is shown where it was asked for. */
export function RevokeDialog({ jid, client, onClose, onGone, onChangePassword, onSignedOut, fallbackFocus, offline }: RevokeDialogProps) {
  const intl = useIntl();
  const api = useClientManager();
  const offlineNoteId = useId();
  const { phase, revoke, actionsRef, revokeRef } = useRevokeRun(
    () => api.revokeClient(client.isCurrent ? { jid, id: client.id, confirmSignOut: true } : { jid, id: client.id }),
    (result: RevokeResult) => {
      if (!result.ok) return;
      if (result.value.outcome === "signed-out-self") onSignedOut?.();
      // Otherwise the list the core fetches after a revoke says what is left.
      else if (result.value.outcome === "gone") onGone(client.id);
    },
  );

  const working = phase.name === "working";
  const outcome = phase.name === "done" ? describeRevokeResult(intl, client, phase.result) : null;
  const nickname = useNicknameOf([client.id]);
  const software = softwareName(client);
  const name = software === undefined ? undefined : withNickname(intl, nickname, software);
  const title = client.isCurrent
    ? intl.formatMessage(messages.titleSelf)
    : name
      ? intl.formatMessage(messages.title, { name })
      : intl.formatMessage(messages.titleUnnamed);

  return (
    <ModalDialog title={outcome ? outcome.title : title} role="alertdialog" onClose={onClose} busy={working} fallbackFocus={fallbackFocus} className="revoke-dialog">
      <div className="modal-body">
        <dl className="client-summary" aria-label={intl.formatMessage(messages.summary)}>
          <NicknameFact nickname={nickname} />
          <div>
            <dt>{intl.formatMessage(messages.software)}</dt>
            <dd>{softwareLabel(intl, client)}</dd>
          </div>
          <div>
            <dt>{intl.formatMessage(messages.device)}</dt>
            <dd>
              {deviceLabel(intl, client)}
              {client.isCurrent ? <span className="badge badge-current">{intl.formatMessage(messages.thisDevice)}</span> : null}
            </dd>
          </div>
          <div>
            <dt>{intl.formatMessage(messages.kind)}</dt>
            <dd>
              {kindLabel(intl, client.kind)} · {intl.formatMessage(client.connected ? messages.connected : messages.offline)}
            </dd>
          </div>
        </dl>
        {phase.name !== "done" ? <p className={client.isCurrent ? "callout callout-warning" : undefined}>{revokeConsequence(intl, client)}</p> : null}
        <RevokeStatus working={working} progress={revokeProgressText(intl, client)} outcome={outcome} offline={offline} offlineNoteId={offlineNoteId} />
      </div>
      <div className="modal-actions" ref={actionsRef}>
        <RevokeActions
          working={working}
          outcome={outcome}
          confirmLabel={intl.formatMessage(client.isCurrent ? messages.signOut : messages.removeAccess)}
          workingLabel={intl.formatMessage(client.isCurrent ? messages.signingOut : messages.removing)}
          offline={offline}
          offlineNoteId={offlineNoteId}
          revokeRef={revokeRef}
          onRevoke={() => void revoke()}
          onChangePassword={onChangePassword}
          onClose={onClose}
        />
      </div>
    </ModalDialog>
  );
}
