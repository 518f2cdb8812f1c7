import type { ClientInfo, RevokeResult } from "../../src/shared/index.js";
import { useClientManager } from "./client-manager-context.js";
import { deviceLabel, kindLabel, softwareLabel, softwareName } from "./describe.js";
import { ModalDialog } from "./modal-dialog.js";
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
};

function consequence(client: ClientInfo): string {
  if (client.isCurrent) {
    return "This is the device you're using now. Revoking it ends this session, and you will be signed out of Warden here.";
  }
  if (client.kind === "access") {
    return "Its app token will be removed, so it can't use your account any more unless you sign it in again.";
  }
  return client.connected
    ? "It will be disconnected and its sign-in tokens removed. If it also knows your password, Warden will tell you how to lock it out."
    : "Its session and sign-in tokens will be removed. If it also knows your password, Warden will tell you how to lock it out.";
}

/** Confirm, run and report a revoke, all in one dialog, so the outcome is shown where it was asked for. */
export function RevokeDialog({ jid, client, onClose, onGone, onChangePassword, onSignedOut, fallbackFocus }: RevokeDialogProps) {
  const api = useClientManager();
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
  const outcome = phase.name === "done" ? describeRevokeResult(client, phase.result) : null;
  const title = client.isCurrent ? "Revoke this device?" : `Revoke ${softwareName(client) ?? "this client"}?`;

  return (
    <ModalDialog title={outcome ? outcome.title : title} role="alertdialog" onClose={onClose} busy={working} fallbackFocus={fallbackFocus} className="revoke-dialog">
      <div className="modal-body">
        <dl className="client-summary" aria-label="Client">
          <div>
            <dt>Software</dt>
            <dd>{softwareLabel(client)}</dd>
          </div>
          <div>
            <dt>Device</dt>
            <dd>
              {deviceLabel(client)}
              {client.isCurrent ? <span className="badge badge-current">This device</span> : null}
            </dd>
          </div>
          <div>
            <dt>Kind</dt>
            <dd>
              {kindLabel(client.kind)} · {client.connected ? "Connected" : "Offline"}
            </dd>
          </div>
        </dl>
        {phase.name !== "done" ? <p className={client.isCurrent ? "callout callout-warning" : undefined}>{consequence(client)}</p> : null}
        <RevokeStatus working={working} progress={revokeProgressText(client)} outcome={outcome} />
      </div>
      <div className="modal-actions" ref={actionsRef}>
        <RevokeActions
          working={working}
          outcome={outcome}
          confirmLabel={client.isCurrent ? "Revoke and sign out" : "Revoke"}
          revokeRef={revokeRef}
          onRevoke={() => void revoke()}
          onChangePassword={onChangePassword}
          onClose={onClose}
        />
      </div>
    </ModalDialog>
  );
}
