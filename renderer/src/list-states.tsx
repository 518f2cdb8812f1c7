import type { ListError } from "../../src/shared/index.js";
import { listErrorText } from "./describe.js";

/** Placeholder cards while the first list loads. */
export function ListSkeleton() {
  return (
    <div className="list-skeleton" aria-busy="true">
      <p role="status" className="visually-hidden">
        Loading clients…
      </p>
      {[0, 1, 2, 3].map((i) => (
        <div key={i} className="skeleton-card" aria-hidden="true" data-testid="skeleton-row">
          <div className="skeleton-line skeleton-title" />
          <div className="skeleton-line skeleton-meta" />
          <div className="skeleton-line skeleton-short" />
        </div>
      ))}
    </div>
  );
}

export function ListEmpty({ onRefresh }: { onRefresh: () => void }) {
  return (
    <div className="list-state">
      <h3>Nothing has access right now</h3>
      <p>The server lists no sessions or app tokens for this account. New sign-ins will show up here.</p>
      <button type="button" className="button" onClick={onRefresh}>
        Refresh
      </button>
    </div>
  );
}

export function ListNoMatches({ query, onClear }: { query: string; onClear: () => void }) {
  return (
    <div className="list-state">
      <h3>No clients match “{query}”</h3>
      <p>The filter looks at the software, the device and the client's id.</p>
      <button type="button" className="button" onClick={onClear}>
        Clear filter
      </button>
    </div>
  );
}

export function ListErrorState({ error, onRetry }: { error: ListError; onRetry: () => void }) {
  const text = listErrorText(error);
  return (
    <div className={`list-state list-state-error${error.kind === "unsupported" ? " list-state-unsupported" : ""}`} role="alert">
      <h3>{text.title}</h3>
      <p>{text.detail}</p>
      {text.retry ? (
        <button type="button" className="button button-primary" onClick={onRetry}>
          Try again
        </button>
      ) : null}
    </div>
  );
}
