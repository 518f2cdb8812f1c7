import { useServerDownNote } from "./server-down.js";
import { memo } from "react";
import { defineMessage, defineMessages, useIntl } from "react-intl";
import { activityText, rowActionLabel, rowActionTarget, rowDevice, rowName } from "./describe.js";
import { displayText } from "./display-text.js";
import type { AppEntry } from "./group-apps.js";
import type { RowFacts } from "./list-sections.js";
import { EntryFacts, frameSelection, RowFrame, type RowPlace, type RowSelection } from "./client-row.js";
import { rowKey } from "./group-apps.js";
import { withNickname } from "./activity-text.js";
import { NicknameEditor } from "./nickname-editor.js";
import { nicknameOf, useNicknames } from "./nicknames.js";

const messages = defineMessages({
  entries: defineMessage<{ name: string }>({ id: "app.entries", defaultMessage: "{name}'s entries", description: "Accessible name of the list of an app's token and session" }),
  token: { id: "app.token", defaultMessage: "App token" },
  session: { id: "app.session", defaultMessage: "Session" },
  sessionOn: defineMessage<{ device: string }>({ id: "app.sessionOn", defaultMessage: "Session on {device}" }),
  removeAccess: { id: "app.removeAccess", defaultMessage: "Remove access" },
});

type AppRowProps = RowPlace &
  RowSelection & {
  app: AppEntry;
  facts: RowFacts;
  tag: string | undefined;
  now: number;
  onRevokeApp: (app: AppEntry) => void;
};

/**
 * An app token and the session that signed in with it, as one app (see groupApps): one row, both
 * entries' facts in its details, one "Remove access" for both.
 */
export const AppRow = memo(function AppRow({ app, facts, tag, now, onRevokeApp, selected, onToggleSelect, ...place }: AppRowProps) {
  const intl = useIntl();
  const name = rowName(intl, app);
  const sessionDevice = displayText(app.session.userAgent.device);
  const serverDown = useServerDownNote();
  const nickname = nicknameOf(useNicknames().nicknames, [app.grant.id, app.session.id]);
  return (
    <RowFrame
      place={place}
      revealIds={[app.grant.id, app.session.id]}
      nickname={nickname}
      kind="app-token"
      name={name}
      version={displayText(app.grant.userAgent.softwareVersion)}
      device={rowDevice(intl, app)}
      activity={activityText(intl, facts, !facts.connected, now)}
      connected={facts.connected}
      current={false}
      tag={tag}
      selection={frameSelection({ selected, onToggleSelect }, rowKey(app), rowActionTarget(intl, app))}
      details={() => (
        <>
          <ul className="app-entries" aria-label={intl.formatMessage(messages.entries, { name })}>
            <li>
              <h4 className="app-entry-kind">{intl.formatMessage(messages.token)}</h4>
              <EntryFacts client={app.grant} now={now} />
            </li>
            <li>
              <h4 className="app-entry-kind">
                {sessionDevice ? intl.formatMessage(messages.sessionOn, { device: sessionDevice }) : intl.formatMessage(messages.session)}
              </h4>
              <EntryFacts client={app.session} now={now} />
            </li>
          </ul>
          <NicknameEditor id={app.grant.id} />
          <div className="row-actions">
            <button
              type="button"
              className="button button-small button-danger-outline"
              data-row-action=""
              aria-label={rowActionLabel(intl, "remove", withNickname(intl, nickname, rowActionTarget(intl, app)), tag)}
              disabled={serverDown !== undefined}
              aria-describedby={serverDown}
              onClick={() => onRevokeApp(app)}
            >
              {intl.formatMessage(messages.removeAccess)}
            </button>
          </div>
        </>
      )}
    />
  );
});
