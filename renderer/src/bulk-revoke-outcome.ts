// What "Remove access for selected" did, row by row and in one summary: each row says only what the
// server's next list showed for its entries (the core verifies every revoke), never more.
import { defineMessage, defineMessages, type IntlShape } from "react-intl";
import type { RevokeResult } from "../../src/shared/index.js";
import { rowActionTarget } from "./describe.js";
import type { ListEntry } from "./group-apps.js";
import { describeAppRevoke } from "./revoke-app-outcome-text.js";
import { describeRevokeResult, type RevokeOutcomeText } from "./revoke-outcome-text.js";

/**
 * Where a row ended, worst first: `failed` (the server refused or Warden couldn't finish),
 * `not-confirmed` (no list showed it gone in time), `still-listed` (listed again, or it knows the
 * password), `removed` (confirmed gone).
 */
export type BulkVerdict = "failed" | "not-confirmed" | "still-listed" | "removed";
const WORST_FIRST: readonly BulkVerdict[] = ["failed", "not-confirmed", "still-listed", "removed"];

/** Why a row is still listed, in a few words. */
export type StillListedReason = "knows-password" | "signed-in-again-password" | "signed-in-again-token";

export type RowVerdict = { verdict: BulkVerdict; reason?: StillListedReason };

/** A row's revokes (one entry, or an app's token then its session), as they came back. */
export type RowResults = { kind: "client"; result: RevokeResult } | { kind: "app"; grant: RevokeResult; session: RevokeResult };

function verdictOf(result: RevokeResult): RowVerdict {
  if (!result.ok) return { verdict: "failed" };
  const outcome = result.value;
  switch (outcome.outcome) {
    case "gone":
    case "already-gone":
      return { verdict: "removed" };
    case "knows-password":
      return { verdict: "still-listed", reason: "knows-password" };
    case "signed-in-again":
      return { verdict: "still-listed", reason: outcome.with === "password" ? "signed-in-again-password" : "signed-in-again-token" };
    // This device is never in a selection; if it were, nothing confirmed it gone from the list.
    case "signed-out-self":
    case "not-confirmed":
      return { verdict: "not-confirmed" };
    case "forbidden":
    case "failed":
      return { verdict: "failed" };
  }
}

/** The row's verdict: an app is only as removed as the worse of its two entries. */
export function rowVerdict(results: RowResults): RowVerdict {
  if (results.kind === "client") return verdictOf(results.result);
  const parts = [verdictOf(results.grant), verdictOf(results.session)];
  return parts.sort((a, b) => WORST_FIRST.indexOf(a.verdict) - WORST_FIRST.indexOf(b.verdict))[0]!;
}

/** The full words a single revoke dialog would show for this row's outcome. */
export function rowOutcomeText(intl: IntlShape, row: ListEntry, results: RowResults): RevokeOutcomeText {
  if (row.kind === "app" && results.kind === "app") return describeAppRevoke(intl, row, results.grant, results.session);
  const client = row.kind === "client" ? row.client : row.grant;
  return describeRevokeResult(intl, client, results.kind === "client" ? results.result : results.grant);
}

const messages = defineMessages({
  waiting: { id: "bulk.status.waiting", defaultMessage: "Waiting", description: "A selected entry whose turn has not come yet" },
  removing: { id: "bulk.status.removing", defaultMessage: "Removing…" },
  removed: { id: "bulk.status.removed", defaultMessage: "Removed — confirmed" },
  stillListed: defineMessage<{ reason: string }>({ id: "bulk.status.stillListed", defaultMessage: "Still listed — {reason}" }),
  notConfirmed: { id: "bulk.status.notConfirmed", defaultMessage: "Not confirmed" },
  failed: { id: "bulk.status.failed", defaultMessage: "Failed" },
  notStarted: { id: "bulk.status.notStarted", defaultMessage: "Not started: you stopped before its turn" },
  knowsPassword: { id: "bulk.reason.knowsPassword", defaultMessage: "knows your password" },
  signedInAgainPassword: { id: "bulk.reason.signedInAgainPassword", defaultMessage: "signed in again with your password" },
  signedInAgainToken: { id: "bulk.reason.signedInAgainToken", defaultMessage: "signed in again with a token the server kept" },
  named: defineMessage<{ name: string; reason: string }>({ id: "bulk.summary.named", defaultMessage: "{name} ({reason})" }),
  summaryRemoved: defineMessage<{ count: number }>({
    id: "bulk.summary.removed",
    defaultMessage: "{count, plural, one {# removed and confirmed gone.} other {# removed and confirmed gone.}}",
  }),
  summaryStillListed: defineMessage<{ count: number; names: string }>({
    id: "bulk.summary.stillListed",
    defaultMessage: "{count, plural, one {# still listed: {names}.} other {# still listed: {names}.}}",
  }),
  summaryNotConfirmed: defineMessage<{ count: number; names: string }>({
    id: "bulk.summary.notConfirmed",
    defaultMessage: "{count, plural, one {# not confirmed, it may still have access: {names}.} other {# not confirmed, they may still have access: {names}.}}",
  }),
  summaryFailed: defineMessage<{ count: number; names: string }>({
    id: "bulk.summary.failed",
    defaultMessage: "{count, plural, one {# failed: {names}.} other {# failed: {names}.}}",
  }),
  summaryNotStarted: defineMessage<{ count: number; names: string }>({
    id: "bulk.summary.notStarted",
    defaultMessage: "Stopped. {count, plural, one {# not started: {names}.} other {# not started: {names}.}}",
  }),
});

const REASON_WORDS = {
  "knows-password": messages.knowsPassword,
  "signed-in-again-password": messages.signedInAgainPassword,
  "signed-in-again-token": messages.signedInAgainToken,
} satisfies Record<StillListedReason, unknown>;

function reasonText(intl: IntlShape, reason: StillListedReason | undefined): string {
  return reason ? intl.formatMessage(REASON_WORDS[reason]) : "";
}

/** Where a row of the bulk run stands. */
export type BulkRowState = { state: "waiting" } | { state: "removing" } | { state: "not-started" } | ({ state: "done"; results: RowResults } & RowVerdict);

/** A row's state in a few words: "Removing…", "Removed — confirmed", "Still listed — knows your password"… */
export function bulkStatusText(intl: IntlShape, row: BulkRowState): string {
  switch (row.state) {
    case "waiting":
      return intl.formatMessage(messages.waiting);
    case "removing":
      return intl.formatMessage(messages.removing);
    case "not-started":
      return intl.formatMessage(messages.notStarted);
    case "done":
      switch (row.verdict) {
        case "removed":
          return intl.formatMessage(messages.removed);
        case "still-listed":
          return intl.formatMessage(messages.stillListed, { reason: reasonText(intl, row.reason) });
        case "not-confirmed":
          return intl.formatMessage(messages.notConfirmed);
        case "failed":
          return intl.formatMessage(messages.failed);
      }
  }
}

/**
 * The run's verified outcomes in a few sentences: "4 removed and confirmed gone. 1 still listed:
 * Gajim on Laptop (knows your password)." Rows never reached are said as not started.
 */
export function bulkSummary(intl: IntlShape, rows: readonly { row: ListEntry; status: BulkRowState }[]): string {
  const names = (picked: typeof rows, withReason: boolean) =>
    intl.formatList(
      picked.map(({ row, status }) => {
        const name = rowActionTarget(intl, row);
        const reason = withReason && status.state === "done" ? reasonText(intl, status.reason) : "";
        return reason ? intl.formatMessage(messages.named, { name, reason }) : name;
      }),
      { type: "conjunction" },
    );
  const ended = (verdict: BulkVerdict) => rows.filter(({ status }) => status.state === "done" && status.verdict === verdict);
  const removed = ended("removed");
  const stillListed = ended("still-listed");
  const notConfirmed = ended("not-confirmed");
  const failed = ended("failed");
  const notStarted = rows.filter(({ status }) => status.state !== "done");
  const sentences = [
    removed.length > 0 ? intl.formatMessage(messages.summaryRemoved, { count: removed.length }) : "",
    stillListed.length > 0 ? intl.formatMessage(messages.summaryStillListed, { count: stillListed.length, names: names(stillListed, true) }) : "",
    notConfirmed.length > 0 ? intl.formatMessage(messages.summaryNotConfirmed, { count: notConfirmed.length, names: names(notConfirmed, false) }) : "",
    failed.length > 0 ? intl.formatMessage(messages.summaryFailed, { count: failed.length, names: names(failed, false) }) : "",
    notStarted.length > 0 ? intl.formatMessage(messages.summaryNotStarted, { count: notStarted.length, names: names(notStarted, false) }) : "",
  ];
  return sentences.filter(Boolean).join(" ");
}
