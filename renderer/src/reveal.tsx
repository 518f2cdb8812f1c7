import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from "react";
import { defineMessages, useIntl } from "react-intl";
import type { ClientList } from "../../src/shared/index.js";
import { useAnnounce } from "./announcer.js";
import type { ListEntry } from "./group-apps.js";
import { useClientManager } from "./client-manager-context.js";

const messages = defineMessages({
  notListed: { id: "reveal.notListed", defaultMessage: "That client is no longer listed: it has no access now." },
});

/** An entry to show with its one action focused; `seq` tells two requests for the same entry apart. */
export type RevealTarget = { jid: string; id: string; seq: number };

type RevealContextValue = {
  target: RevealTarget | null;
  reveal: (jid: string, id: string) => void;
  /** The request was carried out (or can't be): it no longer applies. */
  done: (seq: number) => void;
};

const RevealContext = createContext<RevealContextValue>({ target: null, reveal: () => {}, done: () => {} });

type RevealProviderProps = {
  /** Brings the account's screen up (the entry's row is on it). */
  onShowAccount: (jid: string) => void;
  children: ReactNode;
};

/**
 * Where "show me that entry" requests meet the rows: from the banner's "Show", a browser
 * notification's click, or the desktop app's ("reveal-client"). Revealing an entry is seeing the
 * account's alerts, so it marks them seen.
 */
export function RevealProvider({ onShowAccount, children }: RevealProviderProps) {
  const api = useClientManager();
  const [target, setTarget] = useState<RevealTarget | null>(null);
  const seq = useRef(0);
  const showAccount = useRef(onShowAccount);
  useEffect(() => {
    showAccount.current = onShowAccount;
  });

  const reveal = useCallback(
    (jid: string, id: string) => {
      seq.current += 1;
      setTarget({ jid, id, seq: seq.current });
      showAccount.current(jid);
      void api.markAlertsSeen({ jid });
    },
    [api],
  );
  const done = useCallback((finished: number) => setTarget((current) => (current?.seq === finished ? null : current)), []);
  useEffect(() => api.on("reveal-client", ({ jid, id }) => reveal(jid, id)), [api, reveal]);

  const value = useMemo(() => ({ target, reveal, done }), [target, reveal, done]);
  return <RevealContext.Provider value={value}>{children}</RevealContext.Provider>;
}

/** Asks for an entry to be shown: its account's screen, its row open, its action focused. */
export function useReveal(): (jid: string, id: string) => void {
  return useContext(RevealContext).reveal;
}

/** The account's pending request, if any, and how to say it is over. */
export function useRevealTarget(jid: string): { target: RevealTarget | null; done: (seq: number) => void } {
  const { target, done } = useContext(RevealContext);
  return { target: target?.jid === jid ? target : null, done };
}

/**
 * For a row holding `ids` (one entry, or an app's token and session): the request that is about it,
 * with `done` to call once its action is focused. Only the shown account's rows are in the page.
 */
export function useRowReveal(ids: readonly string[]): { seq: number; done: () => void } | null {
  const { target, done } = useContext(RevealContext);
  const seq = target && ids.includes(target.id) ? target.seq : null;
  return useMemo(() => (seq === null ? null : { seq, done: () => done(seq) }), [seq, done]);
}

/**
 * For the account's screen: a request for an entry its list no longer has (removed meanwhile) ends
 * with that said, rather than waiting for a row that won't come.
 */
export function useRevealNotListed(jid: string, list: ClientList | null): void {
  const intl = useIntl();
  const announce = useAnnounce();
  const { target, done } = useRevealTarget(jid);
  useEffect(() => {
    if (!target || !list || list.clients.some((client) => client.id === target.id)) return;
    announce(intl.formatMessage(messages.notListed));
    done(target.seq);
  }, [target, list, done, announce, intl]);
}

/** The entry a pending request is about (only the shown account's list is in the page), or null. */
export function usePendingRevealId(): string | null {
  return useContext(RevealContext).target?.id ?? null;
}

/** Whether a list row (one entry, or an app's token and session) holds the entry `id`. */
export function rowHolds(row: ListEntry, id: string): boolean {
  return row.kind === "client" ? row.client.id === id : row.grant.id === id || row.session.id === id;
}
