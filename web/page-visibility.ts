// Browser mode's "window" is every page open on the host: the core is told "visible" while any of
// them is, and "hidden" once none is (also when the last visible page closes without saying so).
// Without this, the last page to report would decide for all, and a closed tab would leave the
// watch listing at the visible pace.
import type { Dispatch } from "../src/core/dispatch.js";
import { invalidRequest } from "../src/shared/errors.js";
import { setWindowVisibleRequestSchema } from "../src/shared/requests.js";
import { err } from "../src/shared/result.js";

export interface PageVisibility {
  /** The dispatcher one page's calls go through: its setWindowVisible speaks for that page only. */
  dispatchFor(page: object): Dispatch;
  /** The page's socket closed: it is no longer visible. */
  closed(page: object): Promise<void>;
}

export function createPageVisibility(dispatch: Dispatch): PageVisibility {
  const visible = new Set<object>();
  const tell = () => dispatch("setWindowVisible", { visible: visible.size > 0 });
  return {
    dispatchFor(page) {
      return async (method, argument) => {
        if (method !== "setWindowVisible") return dispatch(method, argument);
        const parsed = setWindowVisibleRequestSchema.safeParse(argument);
        if (!parsed.success) return err(invalidRequest(parsed.error));
        if (parsed.data.visible) visible.add(page);
        else visible.delete(page);
        return tell();
      };
    },
    async closed(page) {
      if (visible.delete(page)) await tell();
    },
  };
}
