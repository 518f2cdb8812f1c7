// A list entry's details, opened as a user opens them (its disclosure button): where its facts and
// its Remove access are. Shared by the browser and the Electron e2e tests (no test-runner code here).
import type { Locator } from "playwright-core";

/** Opens the entry's details unless they are open already, and waits until they are. */
export async function expand(entry: Locator): Promise<void> {
  const summary = entry.getByRole("button", { expanded: false });
  if ((await summary.count()) > 0) await summary.click();
  await entry.getByRole("button", { expanded: true }).waitFor();
}
