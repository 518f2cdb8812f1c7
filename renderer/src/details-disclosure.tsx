import { defineMessages, useIntl } from "react-intl";

const messages = defineMessages({
  details: { id: "error.details", defaultMessage: "Details", description: "Opens the technical detail under an error" },
});

/** Technical detail one click away, under plain words: nothing when there is none. */
export function DetailsDisclosure({ detail }: { detail: string | undefined | null }) {
  const intl = useIntl();
  if (!detail) return null;
  return (
    <details className="error-details">
      <summary>{intl.formatMessage(messages.details)}</summary>
      <p>{detail}</p>
    </details>
  );
}
