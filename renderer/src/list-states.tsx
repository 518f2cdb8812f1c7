import { defineMessage, defineMessages, useIntl } from "react-intl";
import type { ListError } from "../../src/shared/index.js";
import { DetailsDisclosure } from "./details-disclosure.js";
import { listErrorText } from "./error-text.js";

const messages = defineMessages({
  loading: { id: "list.loadingClients", defaultMessage: "Loading clients…" },
  emptyTitle: { id: "list.empty.title", defaultMessage: "Nothing has access right now" },
  emptyDetail: { id: "list.empty.detail", defaultMessage: "The server lists no sessions or app tokens for this account. New sign-ins will show up here." },
  refresh: { id: "list.empty.refresh", defaultMessage: "Refresh" },
  noMatches: { id: "list.noMatches", defaultMessage: "No clients" },
  noMatchesQuery: defineMessage<{ query: string }>({ id: "list.noMatches.query", defaultMessage: "No clients match “{query}”" }),
  noMatchesChips: defineMessage<{ chips: string }>({ id: "list.noMatches.chips", defaultMessage: "No clients among {chips}", description: "chips: the pressed filters, e.g. “Connected and Apps”" }),
  noMatchesQueryChips: defineMessage<{ query: string; chips: string }>({ id: "list.noMatches.queryChips", defaultMessage: "No clients match “{query}” among {chips}" }),
  searchHelp: {
    id: "list.noMatches.help",
    defaultMessage: "The search looks at the software, the device, the address, the id, and words like “offline”, “app” or “inactive”.",
    description: "The quoted words must be ones the search understands in this language (list.searchWord.*)",
  },
  clearFilters: { id: "list.clearFilters", defaultMessage: "Clear filters" },
  tryAgain: { id: "list.tryAgain", defaultMessage: "Try again" },
});

/** Placeholder rows while the first list loads. */
export function ListSkeleton() {
  const intl = useIntl();
  return (
    <div className="list-skeleton" aria-busy="true">
      <p role="status" className="visually-hidden">
        {intl.formatMessage(messages.loading)}
      </p>
      {[0, 1, 2, 3, 4, 5].map((i) => (
        <div key={i} className="skeleton-row" aria-hidden="true" data-testid="skeleton-row">
          <div className="skeleton-line skeleton-title" />
          <div className="skeleton-line skeleton-meta" />
        </div>
      ))}
    </div>
  );
}

export function ListEmpty({ onRefresh }: { onRefresh: () => void }) {
  const intl = useIntl();
  return (
    <div className="list-state">
      <h3>{intl.formatMessage(messages.emptyTitle)}</h3>
      <p>{intl.formatMessage(messages.emptyDetail)}</p>
      <button type="button" className="button" onClick={onRefresh}>
        {intl.formatMessage(messages.refresh)}
      </button>
    </div>
  );
}

export function ListNoMatches({ query, chips, onClear }: { query: string; chips: string[]; onClear: () => void }) {
  const intl = useIntl();
  const among = intl.formatList(chips, { type: "conjunction" });
  const title =
    chips.length > 0
      ? query
        ? intl.formatMessage(messages.noMatchesQueryChips, { query, chips: among })
        : intl.formatMessage(messages.noMatchesChips, { chips: among })
      : query
        ? intl.formatMessage(messages.noMatchesQuery, { query })
        : intl.formatMessage(messages.noMatches);
  return (
    <div className="list-state">
      <h3>{title}</h3>
      <p>{intl.formatMessage(messages.searchHelp)}</p>
      <button type="button" className="button" onClick={onClear}>
        {intl.formatMessage(messages.clearFilters)}
      </button>
    </div>
  );
}

export function ListErrorState({ error, onRetry }: { error: ListError; onRetry: () => void }) {
  const intl = useIntl();
  const text = listErrorText(intl, error);
  return (
    <div className={`list-state list-state-error${error.kind === "unsupported" ? " list-state-unsupported" : ""}`} role="alert">
      <h3>{text.title}</h3>
      <p>{text.detail}</p>
      <DetailsDisclosure detail={text.technical} />
      {text.retry ? (
        <button type="button" className="button button-primary" onClick={onRetry}>
          {intl.formatMessage(messages.tryAgain)}
        </button>
      ) : null}
    </div>
  );
}
