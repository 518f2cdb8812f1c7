import type { ClientInfo, RevokeResult } from "../../src/shared/index.js";
import { appName } from "./app-row.js";
import { useClientManager } from "./client-manager-context.js";
import { deviceLabel, softwareLabel } from "./describe.js";
import type { AppEntry } from "./group-apps.js";
import { ModalDialog } from "./modal-dialog.js";
import { RevokeActions, RevokeStatus, useRevokeRun } from "./revoke-dialog-parts.js";
import { describeAppRevoke, revokeAppProgressText } from "./revoke-app-outcome-text.js";

type RevokeAppDialogProps = {
  jid: string;
  app: AppEntry;
  onClose: () => void;
  /** Confirmed gone: drop them at once, before the list the core fetches after a revoke arrives. */
  onGone: (ids: string[]) => void;
  /** Open the password dialog, for a session that knows the password. */
  onChangePassword: () => void;
  fallbackFocus?: () => HTMLElement | null | undefined;
};

const gone = (result: RevokeResult) => result.ok && result.value.outcome === "gone";

/**
 * Confirm, run and report revoking an app: its app token first (so the session cannot sign in
 * again with it), then its session, each through the same verified revoke as a single entry.
 * The session is revoked even when the token's revoke failed: the user asked for both.
 */
export function RevokeAppDialog({ jid, app, onClose, onGone, onChangePassword, fallbackFocus }: RevokeAppDialogProps) {
  const api = useClientManager();
  const name = appName(app);
  const { phase, revoke, actionsRef, revokeRef } = useRevokeRun(
    async () => {
      const grant = await api.revokeClient({ jid, id: app.grant.id });
      const session = await api.revokeClient({ jid, id: app.session.id });
      return { grant, session };
    },
    ({ grant, session }) => onGone([...(gone(grant) ? [app.grant.id] : []), ...(gone(session) ? [app.session.id] : [])]),
  );

  const working = phase.name === "working";
  const outcome = phase.name === "done" ? describeAppRevoke(app, phase.result.grant, phase.result.session) : null;

  return (
    <ModalDialog title={outcome ? outcome.title : `Revoke ${name}?`} role="alertdialog" onClose={onClose} busy={working} fallbackFocus={fallbackFocus} className="revoke-dialog">
      <div className="modal-body">
        <dl className="client-summary" aria-label="App">
          <div>
            <dt>Software</dt>
            <dd>{softwareLabel(app.grant)}</dd>
          </div>
          <div>
            <dt>Entries</dt>
            <dd>
              App token · <SessionSummary session={app.session} />
            </dd>
          </div>
        </dl>
        {phase.name !== "done" ? (
          <p>
            Its app token will be removed first, then its session {app.session.connected ? "signed out" : "removed"} with its sign-in tokens. If
            it also knows your password, Warden will tell you how to lock it out.
          </p>
        ) : null}
        <RevokeStatus working={working} progress={revokeAppProgressText(app)} outcome={outcome} />
      </div>
      <div className="modal-actions" ref={actionsRef}>
        <RevokeActions
          working={working}
          outcome={outcome}
          confirmLabel={"Revoke both"}
          revokeRef={revokeRef}
          onRevoke={() => void revoke()}
          onChangePassword={onChangePassword}
          onClose={onClose}
        />
      </div>
    </ModalDialog>
  );
}

function SessionSummary({ session }: { session: ClientInfo }) {
  return (
    <>
      Session on {deviceLabel(session)}, {session.connected ? "connected" : "offline"}
    </>
  );
}
