import { useId } from "react";
import { withNickname } from "./activity-text.js";
import { NicknameFact, useNicknameOf } from "./nicknames.js";
import { defineMessage, defineMessages, useIntl } from "react-intl";
import type { ClientInfo, RevokeResult } from "../../src/shared/index.js";
import { useClientManager } from "./client-manager-context.js";
import { deviceLabel, rowName, softwareLabel } from "./describe.js";
import type { AppEntry } from "./group-apps.js";
import { ModalDialog } from "./modal-dialog.js";
import { rowConsequence } from "./revoke-consequence.js";
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
  /** Warden is reconnecting: nothing can be removed until the server is back. */
  offline: boolean;
};

const messages = defineMessages({
  title: defineMessage<{ name: string }>({ id: "revoke.title", defaultMessage: "Remove access from {name}?" }),
  summary: { id: "revoke.summary.app", defaultMessage: "App", description: "Accessible name of the app's summary" },
  software: { id: "revoke.summary.software", defaultMessage: "Software" },
  entries: { id: "revoke.summary.entries", defaultMessage: "Entries" },
  appToken: { id: "entry.kind.appToken", defaultMessage: "App token" },
  removeAccess: { id: "entry.action.removeAccess", defaultMessage: "Remove access" },
  removing: { id: "password.grants.revoking", defaultMessage: "Removing access…" },
  sessionConnected: defineMessage<{ device: string }>({ id: "revokeApp.session.connected", defaultMessage: "Session on {device}, connected" }),
  sessionOffline: defineMessage<{ device: string }>({ id: "revokeApp.session.offline", defaultMessage: "Session on {device}, offline" }),
});

const gone = (result: RevokeResult) => result.ok && result.value.outcome === "gone";

/**
 * Confirm, run and report revoking an app: its app token first (so the session cannot sign in
 * again with it), then its session, each through the same verified revoke as a single entry.
 * The session is revoked even when the token's revoke failed: the user asked for both.
 */
export function RevokeAppDialog({ jid, app, onClose, onGone, onChangePassword, fallbackFocus, offline }: RevokeAppDialogProps) {
  const intl = useIntl();
  const api = useClientManager();
  const offlineNoteId = useId();
  const nickname = useNicknameOf([app.grant.id, app.session.id]);
  const name = withNickname(intl, nickname, rowName(intl, app));
  const { phase, revoke, actionsRef, revokeRef } = useRevokeRun(
    async () => {
      const grant = await api.revokeClient({ jid, id: app.grant.id });
      const session = await api.revokeClient({ jid, id: app.session.id });
      return { grant, session };
    },
    ({ grant, session }) => onGone([...(gone(grant) ? [app.grant.id] : []), ...(gone(session) ? [app.session.id] : [])]),
  );

  const working = phase.name === "working";
  const outcome = phase.name === "done" ? describeAppRevoke(intl, app, phase.result.grant, phase.result.session) : null;

  return (
    <ModalDialog title={outcome ? outcome.title : intl.formatMessage(messages.title, { name })} role="alertdialog" onClose={onClose} busy={working} fallbackFocus={fallbackFocus} className="revoke-dialog">
      <div className="modal-body">
        <dl className="client-summary" aria-label={intl.formatMessage(messages.summary)}>
          <NicknameFact nickname={nickname} />
          <div>
            <dt>{intl.formatMessage(messages.software)}</dt>
            <dd>{softwareLabel(intl, app.grant)}</dd>
          </div>
          <div>
            <dt>{intl.formatMessage(messages.entries)}</dt>
            <dd>
              {intl.formatMessage(messages.appToken)} · <SessionSummary session={app.session} />
            </dd>
          </div>
        </dl>
        {phase.name !== "done" ? (
          <p>{rowConsequence(intl, app)}</p>
        ) : null}
        <RevokeStatus working={working} progress={revokeAppProgressText(intl, app)} outcome={outcome} offline={offline} offlineNoteId={offlineNoteId} />
      </div>
      <div className="modal-actions" ref={actionsRef}>
        <RevokeActions
          working={working}
          outcome={outcome}
          confirmLabel={intl.formatMessage(messages.removeAccess)}
          workingLabel={intl.formatMessage(messages.removing)}
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

function SessionSummary({ session }: { session: ClientInfo }) {
  const intl = useIntl();
  return <>{intl.formatMessage(session.connected ? messages.sessionConnected : messages.sessionOffline, { device: deviceLabel(intl, session) })}</>;
}
