import { useEffect, useState } from "react";
import type { AccountState } from "../../src/shared/index.js";
import { useClientManager } from "./client-manager-context.js";

/** The account's state: undefined until the first answer, then every state-changed event. */
export function useAccountState(): [AccountState | undefined, (state: AccountState) => void] {
  const api = useClientManager();
  const [state, setState] = useState<AccountState | undefined>(undefined);

  useEffect(() => {
    let gotEvent = false;
    let active = true;
    const unsubscribe = api.on("state-changed", (next) => {
      gotEvent = true;
      setState(next);
    });
    void api.getState().then((initial) => {
      // An event that arrived meanwhile is newer than this answer.
      if (active && !gotEvent) setState(initial);
    });
    return () => {
      active = false;
      unsubscribe();
    };
  }, [api]);

  return [state, setState];
}
