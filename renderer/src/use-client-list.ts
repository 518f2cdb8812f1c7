import { useCallback, useEffect, useRef, useState } from "react";
import type { ClientList, ListClientsResult, ListError } from "../../src/shared/index.js";
import { useClientManager } from "./client-manager-context.js";
import type { AccountEntry } from "./use-accounts.js";

export const REFRESH_INTERVAL_MS = 30_000;

export type ClientListControls = {
  /** The last list received; kept while refreshing and when a later try fails. */
  list: ClientList | null;
  /** Why the last try to list failed; cleared by the next list. */
  error: ListError | null;
  /** A refresh is in flight, or the list the core fetches after going online has not arrived yet. */
  loading: boolean;
  refresh: () => Promise<void>;
  /** Drop entries right away (after a revoke), before the core's next list arrives. */
  removeClients: (ids: string[]) => void;
};

/** Seen a while ago; with no list yet, the core's own is on its way. */
function stale(fetchedAt: number | null): boolean {
  return fetchedAt !== null && Date.now() - fetchedAt >= REFRESH_INTERVAL_MS;
}

type ClientListOptions = {
  /** Where every answer goes: the accounts' store, which also takes the core's pushes. */
  recordList: (jid: string, result: ListClientsResult) => void;
  removeClients: (jid: string, ids: string[]) => void;
};

/**
 * One account's client list, as the accounts' store holds it. The first list after going online is
 * the core's to fetch and push ("clients-changed"); this only asks again on demand, every 30 s while
 * the window is visible, and when the window or this screen is shown with an out-of-date list.
 */
export function useClientList(account: AccountEntry, { recordList, removeClients }: ClientListOptions): ClientListControls {
  const api = useClientManager();
  const { jid, list, listError } = account;
  const online = account.state.status === "online";
  const [refreshing, setRefreshing] = useState(false);
  const inFlight = useRef<Promise<void> | null>(null);
  const fetchedAtRef = useRef<number | null>(null);
  fetchedAtRef.current = list?.fetchedAt ?? null;

  const refresh = useCallback((): Promise<void> => {
    if (inFlight.current) return inFlight.current;
    setRefreshing(true);
    const request = api.listClients({ jid }).then((result) => {
      inFlight.current = null;
      setRefreshing(false);
      recordList(jid, result);
    });
    inFlight.current = request;
    return request;
  }, [api, jid, recordList]);

  // Shown online with a list seen a while ago (another account's screen was up): ask now. Not when it
  // comes online here (a sign-in, a reconnection): the core lists by itself then.
  const shown = useRef(false);
  useEffect(() => {
    if (shown.current) return;
    shown.current = true;
    if (online && stale(fetchedAtRef.current)) void refresh();
  }, [online, refresh]);

  useEffect(() => {
    if (!online) return;
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") void refresh();
    }, REFRESH_INTERVAL_MS);
    const onVisibility = () => {
      if (document.visibilityState === "visible" && stale(fetchedAtRef.current)) void refresh();
    };
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [online, refresh]);

  const removeHere = useCallback((ids: string[]) => removeClients(jid, ids), [removeClients, jid]);
  const awaitingPush = online && list === null && listError === null;
  return { list, error: listError, loading: refreshing || awaitingPush, refresh, removeClients: removeHere };
}
