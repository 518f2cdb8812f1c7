import { useCallback, useEffect, useRef, useState } from "react";
import type { ClientList, ListError } from "../../src/shared/index.js";
import { useClientManager } from "./client-manager-context.js";

export const REFRESH_INTERVAL_MS = 30_000;

export type ClientListState = {
  /** The last list received; kept while refreshing and when a later refresh fails. */
  list: ClientList | null;
  /** The last refresh's error; cleared by the next success. */
  error: ListError | null;
  /** A request is in flight. */
  loading: boolean;
};

export type ClientListControls = ClientListState & {
  refresh: () => Promise<void>;
  /** Drop an entry right away (after a revoke), before the next list arrives. */
  removeClient: (id: string) => void;
};

/**
 * The account's client list. Fetches when `enabled` (online), every 30 s while the window is
 * visible, when it becomes visible again with a stale list, on demand, and takes every list the
 * core pushes with `clients-changed` (after sign-in, revoke and reconnect).
 */
export function useClientList(enabled: boolean): ClientListControls {
  const api = useClientManager();
  const [state, setState] = useState<ClientListState>({ list: null, error: null, loading: enabled });
  const inFlight = useRef<Promise<void> | null>(null);
  const fetchedAtRef = useRef<number | null>(null);
  fetchedAtRef.current = state.list?.fetchedAt ?? null;

  const accept = useCallback((list: ClientList) => {
    setState((prev) =>
      // A reply that left before a newer pushed list must not replace it.
      prev.list && prev.list.fetchedAt > list.fetchedAt ? { ...prev, loading: false } : { list, error: null, loading: false },
    );
  }, []);

  const refresh = useCallback((): Promise<void> => {
    if (inFlight.current) return inFlight.current;
    setState((prev) => ({ ...prev, loading: true }));
    const request = api.listClients().then((result) => {
      inFlight.current = null;
      if (result.ok) accept(result.value);
      else setState((prev) => ({ ...prev, error: result.error, loading: false }));
    });
    inFlight.current = request;
    return request;
  }, [api, accept]);

  useEffect(() => api.on("clients-changed", accept), [api, accept]);

  useEffect(() => {
    if (!enabled) return;
    void refresh();
    const timer = setInterval(() => {
      if (document.visibilityState === "visible") void refresh();
    }, REFRESH_INTERVAL_MS);
    const onVisibility = () => {
      if (document.visibilityState !== "visible") return;
      const fetchedAt = fetchedAtRef.current;
      if (fetchedAt === null || Date.now() - fetchedAt >= REFRESH_INTERVAL_MS) void refresh();
    };
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisibility);
    };
  }, [enabled, refresh]);

  const removeClient = useCallback((id: string) => {
    setState((prev) => (prev.list ? { ...prev, list: { ...prev.list, clients: prev.list.clients.filter((c) => c.id !== id) } } : prev));
  }, []);

  return { ...state, refresh, removeClient };
}
