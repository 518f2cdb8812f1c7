import type { ClientKind } from "./client-kind.js";

/** Line drawings on a 20×20 grid, one per kind. */
const PATHS: Record<ClientKind, string> = {
  desktop: "M3 4.5h14v9H3z M7 16.5h6 M10 13.5v3",
  phone: "M6.5 2.5h7v15h-7z M9 15h2",
  web: "M10 2.5a7.5 7.5 0 1 0 0 15a7.5 7.5 0 1 0 0-15z M2.5 10h15 M10 2.5c-2.5 2.5-2.5 12.5 0 15 M10 2.5c2.5 2.5 2.5 12.5 0 15",
  "app-token": "M7.5 12.5a3.5 3.5 0 1 1 2.5-6l7 0v3h-2v2h-2v-2h-3",
  unknown: "M3.5 3.5h13v13h-13z M8 8.2a2 2 0 1 1 2.6 1.9c-.4.2-.6.5-.6.9v.5 M10 13.6v.2",
};

/** The entry's kind as a small picture; decoration only, the kind is in words in the row's details. */
export function ClientKindIcon({ kind }: { kind: ClientKind }) {
  return (
    <svg className={`kind-icon kind-${kind}`} aria-hidden="true" viewBox="0 0 20 20" width="20" height="20">
      <path d={PATHS[kind]} fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
