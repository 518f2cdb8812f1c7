import { memo, useId } from "react";
import type { ClientInfo } from "../../src/shared/index.js";
import { deviceLabel, softwareName } from "./describe.js";
import { displayText } from "./display-text.js";
import type { AppEntry } from "./group-apps.js";
import { Presence, SeenTimes, SignInMethods } from "./client-row.js";

type AppRowProps = {
  app: AppEntry;
  now: number;
  onRevokeApp: (app: AppEntry) => void;
};

/** The row's words for what it holds: "app token and a session". */
export const APP_PARTS = "app token and a session";

/** The app's name: the grant's, which the server took from the OAuth client, else the session's. */
export function appName(app: AppEntry): string {
  return softwareName(app.grant) ?? softwareName(app.session) ?? "Unknown app";
}

function Entry({ client, label, now }: { client: ClientInfo; label: string; now: number }) {
  return (
    <li className="app-entry">
      <p className="client-meta">
        <span className="app-entry-kind">{label}</span>
        <span className="meta-sep" aria-hidden="true">
          ·
        </span>
        <Presence connected={client.connected} />
        {client.kind === "session" ? (
          <>
            <span className="meta-sep" aria-hidden="true">
              ·
            </span>
            <span className="client-device">{deviceLabel(client)}</span>
          </>
        ) : null}
      </p>
      <SignInMethods methods={client.authMethods} />
      <SeenTimes client={client} now={now} />
    </li>
  );
}

/**
 * An app token and the session that signed in with it, as one app (see groupApps): both entries
 * listed, one Revoke for both.
 */
export const AppRow = memo(function AppRow({ app, now, onRevokeApp }: AppRowProps) {
  const titleId = useId();
  const name = appName(app);
  const version = displayText(app.grant.userAgent.softwareVersion);
  return (
    <article className="client-card app-card" aria-labelledby={titleId}>
      <div className="client-body">
        <div className="client-heading">
          <h3 className="client-title" id={titleId}>
            {name}
            {version ? <span className="client-version"> {version}</span> : null}
            <span className="client-version"> — {APP_PARTS}</span>
          </h3>
        </div>
        <ul className="app-entries" aria-label={`${name}'s entries`}>
          <Entry client={app.grant} label="App token" now={now} />
          <Entry client={app.session} label="Session" now={now} />
        </ul>
      </div>
      <div className="client-actions">
        <button type="button" className="button button-danger-outline" aria-label={`Revoke ${name} (${APP_PARTS})`} onClick={() => onRevokeApp(app)}>
          Revoke
        </button>
      </div>
    </article>
  );
});
