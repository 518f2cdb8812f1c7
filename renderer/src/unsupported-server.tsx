import { useId } from "react";
import { defineMessage, defineMessages, useIntl } from "react-intl";
import { unsupportedText } from "./error-text.js";
import { domainOf } from "./jid-domain.js";

const messages = defineMessages({
  why: defineMessage<{ domain: string }>({
    id: "unsupported.why",
    defaultMessage: "Warden can show and remove what has access to your account only where the server offers it, and {domain} doesn't. Asking again won't change that.",
  }),
  stillPassword: { id: "unsupported.stillPassword", defaultMessage: "You can still change your password here: that signs out every other session." },
});

/**
 * Stands in for the list when the account's server answers neither manage-clients protocol: nothing
 * to refresh or remove here, only what the server's administrator can do.
 */
export function UnsupportedServer({ jid }: { jid: string }) {
  const intl = useIntl();
  const headingId = useId();
  const { title, advice } = unsupportedText(intl);
  return (
    <section className="list-state list-state-unsupported" aria-labelledby={headingId}>
      <h2 id={headingId}>{title}</h2>
      <p>{intl.formatMessage(messages.why, { domain: domainOf(jid) })}</p>
      <p>{advice}</p>
      <p>{intl.formatMessage(messages.stillPassword)}</p>
    </section>
  );
}
