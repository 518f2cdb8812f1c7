import { useCallback, useEffect, useState } from "react";
import type {
  AccountOptions,
  AccountState,
  AccountView,
  AlertEntry,
  ClientList,
  ClientManagerEvents,
  ListClientsResult,
  ListError,
  OnlyThisDeviceProgress,
  Preferences,
  RequestError,
  UpdateState,
} from "../../src/shared/index.js";
import { DEFAULT_ACCOUNT_OPTIONS } from "../../src/shared/index.js";
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
  /** New sign-ins and new ways in not seen yet (the banner), oldest first. */
  alerts: AlertEntry[];
  options: AccountOptions;
  /** "Only this device keeps access" started and not dismissed. */
  onlyThisDevice: OnlyThisDeviceProgress | null;
};

export type Accounts =
  | { phase: "loading" }
  | { phase: "failed"; error: RequestError; retry: () => void }
  | {
      phase: "ready";
      accounts: AccountEntry[];
      preferences: Preferences;
      /** The desktop app's own update; null where the host does not update itself (browser mode). */
      updates: UpdateState | null;
      recordList: (jid: string, result: ListClientsResult) => void;
      removeClients: (jid: string, ids: string[]) => void;
    };

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
    alerts: entry?.alerts ?? [],
    options: entry?.options ?? DEFAULT_ACCOUNT_OPTIONS,
    onlyThisDevice: entry?.onlyThisDevice ?? null,
  };
}

function fromView(view: AccountView): AccountEntry {
  return {
    jid: view.jid,
    state: view.state,
    list: view.clients ?? null,
    listError: view.listError ?? null,
    wasOnline: view.state.status === "online",
    alerts: view.alerts,
    options: view.options,
    onlyThisDevice: view.onlyThisDevice ?? null,
  };
}

function fromPush(event: ClientManagerEvents["clients-changed"]): ListClientsResult {
  return "list" in event ? { ok: true, value: event.list } : { ok: false, error: event.error };
}

type Store = { accounts: Map<string, AccountEntry>; preferences: Preferences; updates: UpdateState | null };
type Change = (store: Store) => void;

/** A change to one account the store knows (an event about an account it doesn't is dropped). */
function forAccount(jid: string, change: (entry: AccountEntry) => AccountEntry): Change {
  return ({ accounts }) => {
    const entry = accounts.get(jid);
    if (entry) accounts.set(jid, change(entry));
  };
}

/**
 * Every account this device knows, in order, the install's preferences and (desktop app) its update: getState's answer, then
 * every event that changes them — subscribed here, above every screen, so nothing the core pushes
 * is missed. Events that arrive before the answer are newer than it: they are replayed on it.
 */
export function useAccounts(): Accounts {
  const api = useClientManager();
  const [store, setStore] = useState<Store | null>(null);
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
      setStore((current) => {
        if (!current) return current;
        const next = { ...current, accounts: new Map(current.accounts) };
        change(next);
        return next;
      });
    };
    const offs = [
      api.on("state-changed", ({ jid, state }) => apply(({ accounts }) => void accounts.set(jid, withState(accounts.get(jid), jid, state)))),
      api.on("clients-changed", (event) => apply(forAccount(event.jid, (entry) => withListResult(entry, fromPush(event))))),
      api.on("account-removed", ({ jid }) => apply(({ accounts }) => void accounts.delete(jid))),
      api.on("alerts-changed", ({ jid, alerts }) => apply(forAccount(jid, (entry) => ({ ...entry, alerts })))),
      api.on("account-options-changed", ({ jid, options }) => apply(forAccount(jid, (entry) => ({ ...entry, options })))),
      api.on("only-this-device-changed", ({ jid, progress }) => apply(forAccount(jid, (entry) => ({ ...entry, onlyThisDevice: progress })))),
      api.on("preferences-changed", ({ preferences }) => apply((next) => void (next.preferences = preferences))),
      api.on("update-changed", ({ updates }) => apply((next) => void (next.updates = updates))),
    ];
    void api.getState().then((result) => {
      if (!active) return;
      const replay = early ?? [];
      early = null;
      if (!result.ok) {
        setError(result.error);
        return;
      }
      setError(null);
      const next: Store = {
        accounts: new Map(result.value.accounts.map((view) => [view.jid, fromView(view)] as const)),
        preferences: result.value.preferences,
        updates: result.value.updates ?? null,
      };
      for (const change of replay) change(next);
      setStore(next);
    });
    return () => {
      active = false;
      for (const off of offs) off();
    };
  }, [api, attempt]);

  const update = useCallback((jid: string, change: (entry: AccountEntry) => AccountEntry) => {
    setStore((current) => {
      const entry = current?.accounts.get(jid);
      if (!current || !entry) return current;
      return { ...current, accounts: new Map(current.accounts).set(jid, change(entry)) };
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
    setStore(null);
    setAttempt((n) => n + 1);
  }, []);

  if (error) return { phase: "failed", error, retry };
  if (!store) return { phase: "loading" };
  return { phase: "ready", accounts: [...store.accounts.values()], preferences: store.preferences, updates: store.updates, recordList, removeClients };
}
