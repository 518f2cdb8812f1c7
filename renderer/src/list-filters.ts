import { defineMessages, type IntlShape, type MessageDescriptor } from "react-intl";
import type { ClientInfo } from "../../src/shared/index.js";
import { clientKindOf } from "./client-kind.js";
import { authMethodWords } from "./describe.js";
import type { RowFacts } from "./list-sections.js";
import { shortId } from "./short-id.js";
import type { FactRow } from "./sort-clients.js";

/** The filter chips, in the order they are shown. */
export const CHIPS = ["connected", "offline", "apps", "inactive"] as const;
export type Chip = (typeof CHIPS)[number];

function hasChip(facts: RowFacts, chip: Chip): boolean {
  switch (chip) {
    case "connected":
      return facts.connected;
    case "offline":
      return facts.offline;
    case "apps":
      return facts.app;
    case "inactive":
      return facts.inactive;
  }
}

/**
 * Each pressed chip narrows the list, except that Connected and Offline together mean either (a row
 * is never both, and pressing both to see nothing would help nobody).
 */
function matchesChips(facts: RowFacts, chips: ReadonlySet<Chip>): boolean {
  const presence = (["connected", "offline"] as const).filter((chip) => chips.has(chip));
  if (presence.length > 0 && !presence.some((chip) => hasChip(facts, chip))) return false;
  return (["apps", "inactive"] as const).every((chip) => !chips.has(chip) || hasChip(facts, chip));
}

const STATE_WORDS = defineMessages({
  current: { id: "list.searchWord.thisDevice", defaultMessage: "this device", description: "A word the search matches: this device's own entry" },
  connected: { id: "list.searchWord.connected", defaultMessage: "connected", description: "A word the search matches" },
  offline: { id: "list.searchWord.offline", defaultMessage: "offline", description: "A word the search matches: sessions not connected" },
  app: { id: "list.searchWord.app", defaultMessage: "app token", description: "A word the search matches: apps and their tokens" },
  inactive: { id: "list.searchWord.inactive", defaultMessage: "inactive", description: "A word the search matches" },
});
type StateWord = keyof typeof STATE_WORDS;

/** The words the search understands, in English (always) and in the UI's language. */
export type SearchVocabulary = {
  state: Record<StateWord, string>;
  method: (method: string) => string;
};

export function searchVocabulary(intl: IntlShape): SearchVocabulary {
  const both = (english: string, translated: string) => `${english}\n${translated}`;
  const word = (message: MessageDescriptor) => both(String(message.defaultMessage), intl.formatMessage(message));
  const state = { current: "", connected: "", offline: "", app: "", inactive: "" } satisfies Record<StateWord, string>;
  for (const key of Object.keys(state) as StateWord[]) state[key] = word(STATE_WORDS[key]);
  return {
    state,
    method: (method) => both(method, authMethodWords(intl, method)),
  };
}

/** The words of a row's state, so a search for "offline", "app" or "inactive" finds what those words describe. */
function stateWords(facts: RowFacts, words: SearchVocabulary["state"]): string[] {
  return [
    facts.current ? words.current : "",
    facts.connected ? words.connected : "",
    facts.offline ? words.offline : "",
    facts.app ? words.app : "",
    facts.inactive ? words.inactive : "",
  ];
}

function entryWords(client: ClientInfo, vocabulary: SearchVocabulary): string[] {
  const ua = client.userAgent;
  return [
    ua.software ?? "",
    ua.softwareId ?? "",
    ua.softwareVersion ?? "",
    ua.device ?? "",
    ua.uri ?? "",
    client.id,
    shortId(client.id),
    clientKindOf(client),
    ...client.authMethods.map(vocabulary.method),
  ];
}

function haystack({ row, facts }: FactRow, vocabulary: SearchVocabulary): string {
  const entries = row.kind === "client" ? [row.client] : [row.grant, row.session];
  return [...stateWords(facts, vocabulary.state), ...entries.flatMap((entry) => entryWords(entry, vocabulary))].join("\n").toLocaleLowerCase();
}

/**
 * Rows matching the pressed chips and every whitespace-separated word of the query: the software,
 * device, address, id or short id, sign-in methods, or the words of the row's state ("connected",
 * "offline", "app", "inactive", "this device"), in English or in the UI's language (`vocabulary`).
 */
export function filterRows(rows: readonly FactRow[], query: string, chips: ReadonlySet<Chip>, vocabulary: SearchVocabulary): FactRow[] {
  const words = query.toLocaleLowerCase().split(/\s+/).filter(Boolean);
  if (words.length === 0 && chips.size === 0) return [...rows];
  return rows.filter((row) => {
    if (!matchesChips(row.facts, chips)) return false;
    if (words.length === 0) return true;
    const text = haystack(row, vocabulary);
    return words.every((word) => text.includes(word));
  });
}
