import { memo, useId } from "react";
import type { ClientInfo } from "../../src/shared/index.js";
import { authMethodLabel, clientName, deviceLabel, kindLabel, permissionLabel, softwareName } from "./describe.js";
import { displayText } from "./display-text.js";
import { RelativeTime } from "./relative-time.js";

type ClientRowProps = {
  client: ClientInfo;
  now: number;
  onRevoke: (client: ClientInfo) => void;
};

/** Connected or offline in words, with a dot that is decoration only. */
export function Presence({ connected }: { connected: boolean }) {
  return (
    <span className={`presence ${connected ? "presence-connected" : "presence-offline"}`}>
      <span className="dot" aria-hidden="true" />
      {connected ? "Connected" : "Offline"}
    </span>
  );
}

/** When the server first and last saw an entry ("Now" while it is connected). */
export function SeenTimes({ client, now }: { client: ClientInfo; now: number }) {
  return (
    <dl className="client-times">
      <div>
        <dt>First seen</dt>
        <dd>
          <RelativeTime timestamp={client.firstSeen} now={now} />
        </dd>
      </div>
      <div>
        <dt>Last seen</dt>
        <dd>{client.connected ? "Now" : <RelativeTime timestamp={client.lastSeen} now={now} />}</dd>
      </div>
    </dl>
  );
}

/** How an entry signs in, as badges; nothing when the server listed no method. */
export function SignInMethods({ methods }: { methods: string[] }) {
  if (methods.length === 0) return null;
  return (
    <ul className="methods" aria-label="Sign-in methods">
      {methods.map((method) => (
        <li key={method} className={`badge method method-${method in KNOWN ? method : "other"}`}>
          {authMethodLabel(method)}
        </li>
      ))}
    </ul>
  );
}

/** One client: what it is, whether it's connected, how it signs in, when it was seen, and Revoke. */
export const ClientRow = memo(function ClientRow({ client, now, onRevoke }: ClientRowProps) {
  const titleId = useId();
  const deviceId = useId();
  const name = softwareName(client);
  const version = displayText(client.userAgent.softwareVersion);
  return (
    <article className={`client-card${client.isCurrent ? " is-current" : ""}`} aria-labelledby={`${titleId} ${deviceId}`}>
      <div className="client-body">
        <div className="client-heading">
          <h3 className="client-title" id={titleId}>
            {name ?? <span className="muted">Unknown software</span>}
            {version && name ? <span className="client-version"> {version}</span> : null}
          </h3>
          {/* From the core's id comparison only, never from a name: any client can call itself "Warden". */}
          {client.isCurrent ? <span className="badge badge-current">This device</span> : null}
        </div>
        <p className="client-meta">
          <Presence connected={client.connected} />
          <span className="meta-sep" aria-hidden="true">
            ·
          </span>
          <span id={deviceId} className="client-device">
            {deviceLabel(client)}
          </span>
          <span className="meta-sep" aria-hidden="true">
            ·
          </span>
          <span className="client-kind">{kindLabel(client.kind)}</span>
          {client.permission ? (
            <>
              <span className="meta-sep" aria-hidden="true">
                ·
              </span>
              <span className="client-permission">{permissionLabel(client.permission)}</span>
            </>
          ) : null}
        </p>
        <SignInMethods methods={client.authMethods} />
        <SeenTimes client={client} now={now} />
      </div>
      <div className="client-actions">
        <button
          type="button"
          className="button button-danger-outline"
          aria-label={`Revoke ${clientName(client)}${client.isCurrent ? " (this device)" : ""}`}
          onClick={() => onRevoke(client)}
        >
          Revoke
        </button>
      </div>
    </article>
  );
});

const KNOWN: Record<string, true> = { password: true, token: true, fast: true };
