import { createContext, useContext } from "react";

/**
 * While the account reconnects, the id of the note that says why what needs the server is off:
 * the rows' actions are disabled and point to it (aria-describedby). Undefined while online.
 */
export const ServerDownNote = createContext<string | undefined>(undefined);

export function useServerDownNote(): string | undefined {
  return useContext(ServerDownNote);
}
