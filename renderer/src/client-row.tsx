import { useServerDownNote } from "./server-down.js";
import { memo, useId, useState, type KeyboardEvent, type ReactNode } from "react";
import { defineMessage, defineMessages, useIntl } from "react-intl";
import type { ClientInfo } from "../../src/shared/index.js";
import { clientKindOf, type ClientKind } from "./client-kind.js";
import { ClientKindIcon } from "./client-kind-icon.js";
import { activityText, clientKindLabel, permissionLabel, rowActionLabel, rowActionTarget, rowDevice, rowName, signedInText } from "./describe.js";
import { displayText } from "./display-text.js";
import { lastUsedOf, type RowFacts } from "./list-sections.js";
import { ExactTime } from "./relative-time.js";
import { shortId } from "./short-id.js";

const messages = defineMessages({
  thisDevice: { id: "entry.thisDevice", defaultMessage: "This device", description: "Badge on this device's own row" },
  thisDeviceInLabel: { id: "entry.thisDeviceInLabel", defaultMessage: "this device", description: "Part of a row's accessible name, between commas" },
  lastUsed: { id: "entry.facts.lastUsed", defaultMessage: "Last used" },
  lastActive: { id: "entry.facts.lastActive", defaultMessage: "Last active" },
  nowConnected: { id: "entry.facts.nowConnected", defaultMessage: "Now (connected)" },
  never: { id: "entry.facts.never", defaultMessage: "Never" },
  firstSeen: { id: "entry.facts.firstSeen", defaultMessage: "First seen" },
  how: { id: "entry.facts.how", defaultMessage: "How", description: "How it signed in" },
  kind: { id: "entry.facts.kind", defaultMessage: "Kind" },
  address: { id: "entry.facts.address", defaultMessage: "Address", description: "The web address the server gave for an app" },
  id: { id: "entry.facts.id", defaultMessage: "Id" },
  kindWithPermission: defineMessage<{ kind: string; permission: string }>({ id: "entry.facts.kindWithPermission", defaultMessage: "{kind} · {permission}" }),
  signOut: { id: "entry.action.signOut", defaultMessage: "Sign out" },
  removeAccess: { id: "entry.action.removeAccess", defaultMessage: "Remove access" },
  reconnecting: { id: "entry.reconnecting", defaultMessage: "Reconnecting", description: "This device's row while Warden re-establishes its connection" },
});

/** Keys that move focus between rows (see ClientList). */
export type RowKey = "ArrowUp" | "ArrowDown" | "Home" | "End";
const ROW_KEYS: ReadonlySet<string> = new Set<RowKey>(["ArrowUp", "ArrowDown", "Home", "End"]);

/** Where a row sits in the list's keyboard order, and whether it is the one Tab stops at (plain values, so memo holds). */
export type RowPlace = {
  index: number;
  tabbable: boolean;
  onMove: (from: number, key: RowKey) => void;
  onFocusRow: (index: number) => void;
};

type RowFrameProps = {
  place: RowPlace;
  kind: ClientKind;
  name: string;
  version: string | undefined;
  device: string;
  activity: string;
  connected: boolean;
  current: boolean;
  /** Sets the row apart from another with the same name and device (see look-alikes.ts). */
  tag: string | undefined;
  /** What the expanded row shows: its facts and its one action. */
  details: () => ReactNode;
};

/**
 * One line per entry: a disclosure button (icon, name and version, device, connected or last active)
 * that shows the details and the action below it. The article is named by the name and device.
 */
export function RowFrame({ place, kind, name, version, device, activity, connected, current, tag, details }: RowFrameProps) {
  const intl = useIntl();
  const [open, setOpen] = useState(false);
  const nameId = useId();
  const deviceId = useId();
  const tagId = useId();
  const detailsId = useId();
  const title = version ? `${name} ${version}` : name;
  // In the order the row shows its words, so a name said aloud by speech input matches (WCAG 2.5.3).
  const label = [title, device, tag, current ? intl.formatMessage(messages.thisDeviceInLabel) : undefined, activity].filter(Boolean).join(", ");
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (!ROW_KEYS.has(event.key) || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    event.preventDefault();
    place.onMove(place.index, event.key as RowKey);
  };
  return (
    <article className={`client-row${current ? " is-current" : ""}${open ? " is-open" : ""}`} aria-labelledby={[nameId, deviceId, tag ? tagId : ""].join(" ").trim()}>
      <button
        type="button"
        className="row-summary"
        aria-expanded={open}
        aria-controls={open ? detailsId : undefined}
        aria-label={label}
        tabIndex={place.tabbable ? 0 : -1}
        data-row-index={place.index}
        onClick={() => setOpen((was) => !was)}
        onKeyDown={onKeyDown}
        onFocus={() => place.onFocusRow(place.index)}
      >
        <ClientKindIcon kind={kind} />
        {/* The {" "} between the parts: the flex layout doesn't draw them, but tools that read text (axe, copy) see words apart. */}
        <span className="row-main">
          <span className="row-name" id={nameId}>
            {name}
            {version ? <span className="row-version"> {version}</span> : null}
          </span>{" "}
          <span className="row-device" id={deviceId}>
            {device}
          </span>{" "}
          {tag ? (
            <span className="row-tag" id={tagId}>
              {tag}
            </span>
          ) : null}{" "}
          {/* From the core's id comparison only, never from a name: any client can call itself "Warden". */}
          {current ? <span className="badge badge-current">{intl.formatMessage(messages.thisDevice)}</span> : null}
        </span>{" "}
        <span className={`row-activity${connected ? " is-connected" : ""}`}>
          {connected ? <span className="dot" aria-hidden="true" /> : null}
          {activity}
        </span>
        <svg className="row-chevron" aria-hidden="true" viewBox="0 0 20 20" width="16" height="16">
          <path d="m7 5 5 5-5 5" fill="none" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" strokeLinejoin="round" />
        </svg>
      </button>
      {open ? (
        <div className="row-details" id={detailsId}>
          {details()}
        </div>
      ) : null}
    </article>
  );
}

/** One entry's facts as the expanded row lists them: times as exact text, sign-in in words, kind, address and short id. */
export function EntryFacts({ client, now }: { client: ClientInfo; now: number }) {
  const intl = useIntl();
  const token = client.kind === "access";
  const uri = displayText(client.userAgent.uri);
  const kindText = clientKindLabel(intl, clientKindOf(client));
  return (
    <dl className="row-facts">
      <div>
        <dt>{intl.formatMessage(token ? messages.lastUsed : messages.lastActive)}</dt>
        <dd>
          {client.connected ? (
            intl.formatMessage(messages.nowConnected)
          ) : token && lastUsedOf(client) === undefined ? (
            intl.formatMessage(messages.never)
          ) : (
            <ExactTime timestamp={client.lastSeen} now={now} />
          )}
        </dd>
      </div>
      <div>
        <dt>{intl.formatMessage(messages.firstSeen)}</dt>
        <dd>
          <ExactTime timestamp={client.firstSeen} now={now} />
        </dd>
      </div>
      <div>
        <dt>{intl.formatMessage(messages.how)}</dt>
        <dd>{signedInText(intl, client.authMethods)}</dd>
      </div>
      <div>
        <dt>{intl.formatMessage(messages.kind)}</dt>
        <dd>
          {client.permission
            ? intl.formatMessage(messages.kindWithPermission, { kind: kindText, permission: permissionLabel(intl, client.permission) })
            : kindText}
        </dd>
      </div>
      {uri ? (
        <div>
          <dt>{intl.formatMessage(messages.address)}</dt>
          <dd className="row-uri">{uri}</dd>
        </div>
      ) : null}
      <div>
        <dt>{intl.formatMessage(messages.id)}</dt>
        <dd>
          <code>{shortId(client.id)}</code>
        </dd>
      </div>
    </dl>
  );
}

type ClientRowProps = RowPlace & {
  client: ClientInfo;
  facts: RowFacts;
  tag: string | undefined;
  now: number;
  onRevoke: (client: ClientInfo) => void;
};

/** One entry on its own: a session, or an app token. "Sign out" on this device's own entry, "Remove access" on every other. */
export const ClientRow = memo(function ClientRow({ client, facts, tag, now, onRevoke, ...place }: ClientRowProps) {
  const intl = useIntl();
  const token = client.kind === "access";
  const row = { kind: "client", client } as const;
  const action = client.isCurrent ? "sign-out" : "remove";
  const serverDown = useServerDownNote();
  return (
    <RowFrame
      place={place}
      kind={clientKindOf(client)}
      name={rowName(intl, row)}
      version={displayText(client.userAgent.softwareVersion)}
      device={rowDevice(intl, row)}
      // This device's own connection is the one being re-established.
      activity={client.isCurrent && serverDown ? intl.formatMessage(messages.reconnecting) : activityText(intl, facts, token, now)}
      connected={facts.connected && !(client.isCurrent && serverDown)}
      current={client.isCurrent}
      tag={tag}
      details={() => (
        <>
          <EntryFacts client={client} now={now} />
          <div className="row-actions">
            <button
              type="button"
              className="button button-small button-danger-outline"
              aria-label={rowActionLabel(intl, action, rowActionTarget(intl, row), tag)}
              disabled={serverDown !== undefined}
              aria-describedby={serverDown}
              onClick={() => onRevoke(client)}
            >
              {intl.formatMessage(action === "sign-out" ? messages.signOut : messages.removeAccess)}
            </button>
          </div>
        </>
      )}
    />
  );
});
