import { render } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { App } from "../app.js";
import type { FakeClientManager } from "./fake-client-manager.js";

/** Render the whole app against a fake core. */
export function renderApp(fake: FakeClientManager) {
  const user = userEvent.setup();
  const view = render(<App api={fake} />);
  return { user, ...view };
}
