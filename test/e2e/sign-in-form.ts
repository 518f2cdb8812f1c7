// The sign-in form as a user fills it, shared by the browser e2e tests, the Electron e2e tests and
// the browser-mode benchmark (no test-runner code here).
import type { Page } from "playwright-core";
import type { TestServer } from "../server/prosody-test-server.js";

export type SignInOptions = {
  deviceName?: string;
  remember?: boolean;
  /** Leave the password field empty. */
  noPassword?: boolean;
};

/** The form's heading: the first run's, "Add account"'s, or a known account's (its address is fixed). */
const FORM_HEADING = /^(Sign in to your XMPP account|Add an account|Sign in again)$/;

/**
 * Fills the sign-in form on screen as a user would — address, password, Advanced: host 127.0.0.1
 * and the STARTTLS port — and presses "Sign in". Doesn't wait for the outcome.
 */
export async function signInThroughUi(page: Page, server: TestServer, account: { jid: string; password: string }, options: SignInOptions = {}): Promise<void> {
  await page.getByRole("heading", { name: FORM_HEADING }).waitFor();
  const address = page.getByRole("textbox", { name: "XMPP address" });
  if (await address.isEditable()) await address.fill(account.jid);
  if (!options.noPassword) await page.getByLabel("Password", { exact: true }).fill(account.password);
  const remember = page.getByRole("checkbox", { name: "Remember me on this device" });
  if ((await remember.isChecked()) !== (options.remember ?? true)) await remember.click();
  const advanced = page.locator("details.advanced");
  if ((await advanced.getAttribute("open")) === null) await advanced.locator("summary").click();
  await page.getByRole("textbox", { name: "Server host" }).fill(server.host);
  await page.getByRole("textbox", { name: "Port", exact: true }).fill(String(server.starttlsPort));
  await page.getByRole("radio", { name: "STARTTLS" }).check();
  if (options.deviceName !== undefined) await page.getByRole("textbox", { name: "Device name" }).fill(options.deviceName);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

