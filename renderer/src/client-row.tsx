import { useServerDownNote } from "./server-down.js";
import { memo, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { defineMessage, defineMessages, useIntl } from "react-intl";
import type { ClientInfo } from "../../src/shared/index.js";
import { clientKindOf, type ClientKind } from "./client-kind.js";
import { ClientKindIcon } from "./client-kind-icon.js";
import { activityText, clientKindLabel, permissionLabel, rowActionLabel, rowActionTarget, rowDevice, rowName, signedInText } from "./describe.js";
import { displayText } from "./display-text.js";
import { lastUsedOf } from "../../src/shared/index.js";
import type { RowFacts } from "./list-sections.js";
import { NicknameEditor } from "./nickname-editor.js";
import { withNickname } from "./activity-text.js";
import { nicknameOf, useNicknames } from "./nicknames.js";
import { ExactTime } from "./relative-time.js";
import { useRowReveal } from "./reveal.js";
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
  selected: { id: "entry.selected", defaultMessage: "selected", description: "Part of a row's accessible name, between commas, while it is selected" },
  select: defineMessage<{ who: string }>({ id: "entry.select", defaultMessage: "Select {who}" }),
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

/**
 * While the list offers selection (never on this device's row): whether the row is selected, and
 * how to toggle it by its row key (plain values, so memo holds). Absent: no selection.
 */
export type RowSelection = { selected?: boolean; onToggleSelect?: (key: string) => void };

/** What RowFrame needs to offer selection: the state, the toggle, and who its checkbox names. */
type FrameSelection = { selected: boolean; toggle: () => void; who: string };

export function frameSelection({ selected, onToggleSelect }: RowSelection, key: string, who: string): FrameSelection | undefined {
  return onToggleSelect ? { selected: selected ?? false, toggle: () => onToggleSelect(key), who } : undefined;
}

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
  /** A checkbox before the row, and Space on the row toggles it. */
  selection?: FrameSelection | undefined;
  /** The entries the row holds: a request to reveal one of them opens the row and focuses its action. */
  revealIds: readonly string[];
  /** The user's own name for it, shown first. */
  nickname: string | undefined;
};

/**
 * One line per entry: a disclosure button (icon, name and version, device, connected or last active)
 * that shows the details and the action below it. The article is named by the name and device.
 */
export function RowFrame({ place, kind, name, version, device, activity, connected, current, tag, details, selection, revealIds, nickname }: RowFrameProps) {
  const intl = useIntl();
  const [open, setOpen] = useState(false);
  const articleRef = useRef<HTMLElement>(null);
  const reveal = useRowReveal(revealIds);
  useEffect(() => {
    if (!reveal) return;
    if (!open) {
      setOpen(true);
      return;
    }
    const article = articleRef.current;
    // jsdom has no scrollIntoView.
    if (typeof article?.scrollIntoView === "function") article.scrollIntoView({ block: "center" });
    // After a dialog closed in the same render has returned focus to its opener (a microtask).
    queueMicrotask(() => article?.querySelector<HTMLElement>("[data-row-action]")?.focus());
    reveal.done();
  }, [reveal, open]);
  const nicknameId = useId();
  const nameId = useId();
  const deviceId = useId();
  const tagId = useId();
  const detailsId = useId();
  const title = version ? `${name} ${version}` : name;
  // In the order the row shows its words, so a name said aloud by speech input matches (WCAG 2.5.3).
  const label = [
    nickname,
    title,
    device,
    tag,
    current ? intl.formatMessage(messages.thisDeviceInLabel) : undefined,
    activity,
    selection?.selected ? intl.formatMessage(messages.selected) : undefined,
  ]
    .filter(Boolean)
    .join(", ");
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    if (event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
    // While the list offers selection, Space selects the focused row; Enter still opens it.
    if (selection && event.key === " ") {
      event.preventDefault();
      selection.toggle();
      return;
    }
    if (!ROW_KEYS.has(event.key)) return;
    event.preventDefault();
    place.onMove(place.index, event.key as RowKey);
  };
  return (
    <article
      className={`client-row${current ? " is-current" : ""}${open ? " is-open" : ""}${selection ? " is-selectable" : ""}${selection?.selected ? " is-selected" : ""}`}
      ref={articleRef}
      aria-labelledby={[nickname ? nicknameId : "", nameId, deviceId, tag ? tagId : ""].join(" ").trim()}
    >
      {selection ? (
        // Out of the Tab order: the row itself takes Space (one stop per row, as the roving focus wants).
        <input
          type="checkbox"
          className="row-select"
          tabIndex={-1}
          checked={selection.selected}
          onChange={selection.toggle}
          aria-label={intl.formatMessage(messages.select, { who: selection.who })}
        />
      ) : null}
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
        // Space's click comes on key up: already handled as a toggle on key down.
        onKeyUp={(event) => {
          if (selection && event.key === " ") event.preventDefault();
        }}
        onFocus={() => place.onFocusRow(place.index)}
      >
        <ClientKindIcon kind={kind} />
        {/* The {" "} between the parts: the flex layout doesn't draw them, but tools that read text (axe, copy) see words apart. */}
        <span className="row-main">
          {nickname ? (
            <span className="row-nickname" id={nicknameId}>
              {nickname}
            </span>
          ) : null}{" "}
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

type ClientRowProps = RowPlace &
  RowSelection & {
  client: ClientInfo;
  facts: RowFacts;
  tag: string | undefined;
  now: number;
  onRevoke: (client: ClientInfo) => void;
};

/** One entry on its own: a session, or an app token. "Sign out" on this device's own entry, "Remove access" on every other. */
export const ClientRow = memo(function ClientRow({ client, facts, tag, now, onRevoke, selected, onToggleSelect, ...place }: ClientRowProps) {
  const intl = useIntl();
  const token = client.kind === "access";
  const row = { kind: "client", client } as const;
  const action = client.isCurrent ? "sign-out" : "remove";
  const serverDown = useServerDownNote();
  const nickname = nicknameOf(useNicknames().nicknames, [client.id]);
  return (
    <RowFrame
      place={place}
      revealIds={[client.id]}
      nickname={nickname}
      kind={clientKindOf(client)}
      name={rowName(intl, row)}
      version={displayText(client.userAgent.softwareVersion)}
      device={rowDevice(intl, row)}
      // This device's own connection is the one being re-established.
      activity={client.isCurrent && serverDown ? intl.formatMessage(messages.reconnecting) : activityText(intl, facts, token, now)}
      connected={facts.connected && !(client.isCurrent && serverDown)}
      current={client.isCurrent}
      tag={tag}
      selection={client.isCurrent ? undefined : frameSelection({ selected, onToggleSelect }, client.id, rowActionTarget(intl, row))}
      details={() => (
        <>
          <EntryFacts client={client} now={now} />
          <NicknameEditor id={client.id} />
          <div className="row-actions">
            <button
              type="button"
              className="button button-small button-danger-outline"
              data-row-action=""
              aria-label={rowActionLabel(intl, action, withNickname(intl, nickname, rowActionTarget(intl, row)), tag)}
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
