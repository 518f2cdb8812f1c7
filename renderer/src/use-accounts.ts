import { useCallback, useEffect, useState } from "react";
import type { AccountState, AccountView, ClientList, ClientManagerEvents, ListClientsResult, ListError, RequestError } from "../../src/shared/index.js";
import { useClientManager } from "./client-manager-context.js";

/** What the window knows of one account: the one place its list lives, whatever screen is shown. */
export type AccountEntry = {
  jid: string;
  state: AccountState;
  /** The last list seen (from getState, a "clients-changed" event or a listClients answer). */
  list: ClientList | null;
  /** Why the last try to list failed (the core's own or this window's); cleared by the next list. */
  listError: ListError | null;
  /** It was online at some point in this window: "connecting" then is a reconnection, not a sign-in. */
  wasOnline: boolean;
};

export type Accounts =
  | { phase: "loading" }
  | { phase: "failed"; error: RequestError; retry: () => void }
  | { phase: "ready"; accounts: AccountEntry[]; recordList: (jid: string, result: ListClientsResult) => void; removeClients: (jid: string, ids: string[]) => void };

/** The newer of two lists: an answer that left before a pushed list must not replace it. */
export function newerList(current: ClientList | null, next: ClientList): ClientList {
  return current && current.fetchedAt > next.fetchedAt ? current : next;
}

/** A list or why there is none, from an event or an answer, applied to what the window knows. */
function withListResult(entry: AccountEntry, result: ListClientsResult): AccountEntry {
  return result.ok ? { ...entry, list: newerList(entry.list, result.value), listError: null } : { ...entry, listError: result.error };
}

function withState(entry: AccountEntry | undefined, jid: string, state: AccountState): AccountEntry {
  const online = state.status === "online";
  // Signed out, the core forgets the list too: the next sign-in's list arrives as "clients-changed".
  const signedOut = state.status === "signed-out";
  return {
    jid,
    state,
    list: signedOut ? null : (entry?.list ?? null),
    listError: signedOut ? null : (entry?.listError ?? null),
    wasOnline: (entry?.wasOnline ?? false) || online,
  };
}

function fromView(view: AccountView): AccountEntry {
  return { jid: view.jid, state: view.state, list: view.clients ?? null, listError: view.listError ?? null, wasOnline: view.state.status === "online" };
}

function fromPush(event: ClientManagerEvents["clients-changed"]): ListClientsResult {
  return "list" in event ? { ok: true, value: event.list } : { ok: false, error: event.error };
}

type Change = (accounts: Map<string, AccountEntry>) => void;

/**
 * Every account this device knows, in order: getState's answer, then every "state-changed",
 * "clients-changed" and "account-removed" — subscribed here, above every screen, so no list the core
 * pushes is missed. Events that arrive before the answer are newer than it: they are replayed on it.
 */
export function useAccounts(): Accounts {
  const api = useClientManager();
  const [accounts, setAccounts] = useState<Map<string, AccountEntry> | null>(null);
  const [error, setError] = useState<RequestError | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let active = true;
    let early: Change[] | null = [];
    const apply = (change: Change) => {
      if (early) {
        early.push(change);
        return;
      }
      setAccounts((current) => {
        if (!current) return current;
        const next = new Map(current);
        change(next);
        return next;
      });
    };
    const offState = api.on("state-changed", ({ jid, state }) => apply((map) => void map.set(jid, withState(map.get(jid), jid, state))));
    const offClients = api.on("clients-changed", (event) =>
      apply((map) => {
        const entry = map.get(event.jid);
        if (entry) map.set(event.jid, withListResult(entry, fromPush(event)));
      }),
    );
    const offRemoved = api.on("account-removed", ({ jid }) => apply((map) => void map.delete(jid)));
    void api.getState().then((result) => {
      if (!active) return;
      const replay = early ?? [];
      early = null;
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      const next = new Map(result.value.accounts.map((view) => [view.jid, fromView(view)] as const));
      for (const change of replay) change(next);
      setAccounts(next);
    });
    return () => {
      active = false;
      offState();
      offClients();
      offRemoved();
    };
  }, [api, attempt]);

  const update = useCallback((jid: string, change: (entry: AccountEntry) => AccountEntry) => {
    setAccounts((current) => {
      const entry = current?.get(jid);
      if (!current || !entry) return current;
      return new Map(current).set(jid, change(entry));
    });
  }, []);
  const recordList = useCallback((jid: string, result: ListClientsResult) => update(jid, (entry) => withListResult(entry, result)), [update]);
  const removeClients = useCallback(
    (jid: string, ids: string[]) =>
      update(jid, (entry) => (entry.list ? { ...entry, list: { ...entry.list, clients: entry.list.clients.filter((c) => !ids.includes(c.id)) } } : entry)),
    [update],
  );
  const retry = useCallback(() => {
    setError(null);
    setAccounts(null);
    setAttempt((n) => n + 1);
  }, []);

  if (error) return { phase: "failed", error, retry };
  if (!accounts) return { phase: "loading" };
  return { phase: "ready", accounts: [...accounts.values()], recordList, removeClients };
}
