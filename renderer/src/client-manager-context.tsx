import { createContext, useContext, type ReactNode } from "react";
import type { ClientManagerApi } from "../../src/shared/index.js";

const ClientManagerContext = createContext<ClientManagerApi | null>(null);

/** Tests may pass their own; the app uses window.clientManager. */
export function ClientManagerProvider({ api, children }: { api: ClientManagerApi; children: ReactNode }) {
  return <ClientManagerContext.Provider value={api}>{children}</ClientManagerContext.Provider>;
}

export function useClientManager(): ClientManagerApi {
  return useContext(ClientManagerContext) ?? window.clientManager;
}
