// What a password change takes away, said before the user confirms (from the last list) and after
// (from the server's next list, as the core compared them).
import { useId } from "react";
import { defineMessage, defineMessages, useIntl } from "react-intl";
import type { ClientInfo, ClientList, PasswordChanged } from "../../src/shared/index.js";
import { clientName, kindLabel } from "./describe.js";

const messages = defineMessages({
  beforeTitle: { id: "passwordEffects.before.title", defaultMessage: "What will lose access" },
  othersSignedOut: { id: "passwordEffects.before.othersSignedOut", defaultMessage: "Every other session is signed out." },
  othersSignedOutConnected: defineMessage<{ connected: number }>({
    id: "passwordEffects.before.othersSignedOutConnected",
    defaultMessage: "Every other session is signed out ({connected, plural, other {# connected now}}).",
  }),
  noneKnowPassword: { id: "passwordEffects.before.noneKnowPassword", defaultMessage: "No other client is listed as knowing your current password." },
  knowPassword: defineMessage<{ count: number }>({
    id: "passwordEffects.before.knowPassword",
    defaultMessage:
      "{count, plural, one {# client that knows your current password: it needs the new one to sign in again.} other {# clients that know your current password: they need the new one to sign in again.}}",
  }),
  appTokens: defineMessage<{ count: number }>({
    id: "passwordEffects.before.appTokens",
    defaultMessage:
      "{count, plural, one {# app token} other {# app tokens}}, unless the server keeps them: afterwards, Warden shows which still have access and offers to remove it.",
  }),
  noList: { id: "passwordEffects.before.noList", defaultMessage: "Warden has no list of what has access yet, so it can't count them." },
  unconfirmed: {
    id: "passwordEffects.after.unconfirmed",
    defaultMessage: "Warden couldn't check what lost access: the server's list after the change didn't arrive. Refresh the list to see what still has access.",
  },
  nothingLost: { id: "passwordEffects.after.nothingLost", defaultMessage: "Nothing else lost access" },
  lost: defineMessage<{ count: number }>({ id: "passwordEffects.after.lost", defaultMessage: "{count, plural, one {# client lost access} other {# clients lost access}}" }),
  sameList: { id: "passwordEffects.after.sameList", defaultMessage: "The server's list after the change shows the same clients as before." },
  cutOff: defineMessage<{ kind: string }>({ id: "passwordEffects.after.kind", defaultMessage: "({kind})", description: "After an entry's name. kind: “Session” or “App access”" }),
});

/** What the last list says a password change will cut off: every other session, what knows the password, and app tokens. */
export function passwordChangeReach(list: ClientList) {
  const others = list.clients.filter((client) => !client.isCurrent);
  const sessions = others.filter((client) => client.kind === "session");
  return {
    connected: sessions.filter((client) => client.connected).length,
    knowPassword: sessions.filter((client) => client.authMethods.includes("password")).length,
    appTokens: others.filter((client) => client.kind === "access").length,
  };
}

export function PasswordChangeBefore({ list }: { list: ClientList | null }) {
  const intl = useIntl();
  const headingId = useId();
  const reach = list ? passwordChangeReach(list) : null;
  return (
    <section className="password-reach" aria-labelledby={headingId}>
      <h3 id={headingId}>{intl.formatMessage(messages.beforeTitle)}</h3>
      <ul>
        <li>{reach ? intl.formatMessage(messages.othersSignedOutConnected, { connected: reach.connected }) : intl.formatMessage(messages.othersSignedOut)}</li>
        {reach === null ? null : (
          <li>
            {reach.knowPassword === 0
              ? intl.formatMessage(messages.noneKnowPassword)
              : intl.formatMessage(messages.knowPassword, { count: reach.knowPassword })}
          </li>
        )}
        {reach && reach.appTokens > 0 ? (
          <li>{intl.formatMessage(messages.appTokens, { count: reach.appTokens })}</li>
        ) : null}
      </ul>
      {reach === null ? <p className="muted">{intl.formatMessage(messages.noList)}</p> : null}
    </section>
  );
}

/** After the change: what the server's next list no longer shows, or that Warden couldn't check. */
export function PasswordChangeAfter({ changed }: { changed: PasswordChanged }) {
  const intl = useIntl();
  const headingId = useId();
  if (!changed.confirmed) return <p className="callout callout-warning">{intl.formatMessage(messages.unconfirmed)}</p>;
  return (
    <section className="password-reach" aria-labelledby={headingId}>
      <h3 id={headingId}>{changed.cutOff.length === 0 ? intl.formatMessage(messages.nothingLost) : intl.formatMessage(messages.lost, { count: changed.cutOff.length })}</h3>
      {changed.cutOff.length === 0 ? (
        <p>{intl.formatMessage(messages.sameList)}</p>
      ) : (
        <ul className="cut-off-list">
          {changed.cutOff.map((client: ClientInfo) => (
            <li key={client.id}>
              {clientName(intl, client)} <span className="muted">{intl.formatMessage(messages.cutOff, { kind: kindLabel(intl, client.kind) })}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
