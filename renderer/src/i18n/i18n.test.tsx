import "../test/setup.js";
import { act, fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";
import { seenClientOf, type AccountError, type AccountState, type ClientInfo, type RevokeOutcome, type RevokeResult } from "../../../src/shared/index.js";
import { ClientManagerProvider } from "../client-manager-context.js";
import { LanguageSelect } from "../language-select.js";
import { ALICE, FakeClientManager, makeClient, makeEntry } from "../test/fake-client-manager.js";
import { renderApp } from "../test/render-app.js";
import { I18nProvider } from "./i18n-provider.js";
import { pseudoLocalize } from "./pseudo-locale.js";

const NOW = Date.UTC(2025, 5, 15, 12, 0, 0);
const DAY = 24 * 3_600_000;

afterEach(() => {
  vi.useRealTimers();
  vi.restoreAllMocks();
});

function list() {
  return screen.getByRole("list", { name: "Clients" });
}

describe("the client list in German", () => {
  const clients = () => [
    makeClient({ id: "client/self", userAgent: { software: "Warden", device: "Laptop" }, isCurrent: true, connected: true }),
    makeClient({ id: "client/phone", userAgent: { software: "Conversations", device: "Pixel 8" }, connected: true }),
    makeClient({ id: "client/desk", userAgent: { software: "Gajim", device: "Desk" }, lastSeen: NOW - 3 * DAY }),
    makeClient({ id: "client/attic", userAgent: { software: "Psi", device: "Attic" }, lastSeen: NOW - 40 * DAY }),
    makeClient({ id: "grant/movim", kind: "access", authMethods: ["token"], userAgent: { software: "Movim" } }),
  ];

  it("follows the language chosen in settings: sections, counts, relative times, actions", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    const fake = new FakeClientManager({ clients: clients() });
    fake.language = "de";
    const { user } = renderApp(fake);

    await screen.findByRole("heading", { name: "Alles mit Zugriff" });
    const headings = within(list()).getAllByRole("heading", { level: 3 }).map((h) => h.textContent);
    expect(headings).toEqual(["Dieses Gerät 1", "Jetzt verbunden 1", "Andere Geräte 1", "Apps mit Zugriff 1", "Inaktiv 1"]);
    expect(screen.getByText("5 Clients · 2 verbunden")).toBeTruthy();
    expect(document.documentElement.lang).toBe("de");

    const gajim = screen.getByRole("article", { name: "Gajim Desk" });
    expect(within(gajim).getByText("Zuletzt aktiv vor 3 Tagen")).toBeTruthy();
    expect(screen.getByRole("article", { name: "Movim App-Token" }).textContent).toContain("nie benutzt");

    await user.click(within(gajim).getByRole("button"));
    expect(gajim.textContent).toContain("Angemeldet mit dem Passwort");
    expect(within(gajim).getByRole("button", { name: "Gajim auf Desk den Zugriff entziehen" }).textContent).toBe("Zugriff entziehen");
  });

  it("says one client in the singular", async () => {
    const fake = new FakeClientManager({ clients: [clients()[0]!] });
    fake.language = "de";
    renderApp(fake);
    expect(await screen.findByText("1 Client · 1 verbunden")).toBeTruthy();
  });

  it("finds rows by the words of their state in German, and still in English", async () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
    const fake = new FakeClientManager({ clients: clients() });
    fake.language = "de";
    const { user } = renderApp(fake);
    const search = await screen.findByRole("searchbox", { name: "Clients filtern" });
    const names = () => within(list()).getAllByRole("article").map((row) => row.querySelector(".row-name")?.textContent);

    await user.type(search, "verbunden");
    expect(await screen.findByText("2 von 5 Clients · 2 verbunden")).toBeTruthy();
    expect(names()).toEqual(["Warden", "Conversations"]);
    await user.clear(search);
    await user.type(search, "inaktiv");
    expect(await screen.findByText("1 von 5 Clients · 2 verbunden")).toBeTruthy();
    expect(names()).toEqual(["Psi"]);
    await user.clear(search);
    await user.type(search, "offline");
    expect(await screen.findByText("2 von 5 Clients · 2 verbunden")).toBeTruthy();
    expect(names()).toEqual(["Gajim", "Psi"]);
    await user.clear(search);
    await user.type(search, "connected");
    expect(await screen.findByText("2 von 5 Clients · 2 verbunden")).toBeTruthy();
    expect(names()).toEqual(["Warden", "Conversations"]);
  });
});

describe("the pseudo-locale", () => {
  /** Everything the server said about these entries: names, devices, ids, versions, addresses. */
  function serverWords(entries: ClientInfo[]): string[] {
    return entries
      .flatMap((c) => [c.id, c.id.split("/")[1] ?? "", c.userAgent.software, c.userAgent.device, c.userAgent.softwareVersion, c.userAgent.uri])
      .filter((w): w is string => Boolean(w))
      .sort((a, b) => b.length - a.length);
  }

  /** What is left of a text once the server's words, digits, punctuation and spaces are taken out. */
  function leftover(text: string, server: string[]): string {
    let rest = text;
    for (const word of server) rest = rest.split(word).join(" ");
    return rest.replace(/[\d\s\p{P}\p{S}]/gu, "");
  }

  it("leaves no English in the client list: every text and accessible name went through the catalog", async () => {
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["en-XA"]);
    // No times and no lists of sign-in methods: Intl has no pseudo-locale data, so its dates and
    // its "and" read as English (and they are Intl's words, not the app's).
    const entries = [
      makeClient({ id: "client/self1234", userAgent: { software: "Warden", device: "Laptop", softwareVersion: "0.1.0" }, isCurrent: true, connected: true }),
      makeClient({ id: "client/phone123", userAgent: { software: "Conversations", device: "Pixel 8" }, connected: true, permission: "restricted" }),
      makeClient({ id: "client/aaaa1111", userAgent: {}, authMethods: ["fast"] }),
      makeClient({ id: "client/bbbb2222", userAgent: {}, authMethods: [] }),
      makeClient({ id: "grant/movim123", kind: "access", authMethods: ["token"], userAgent: { software: "Movim", uri: "https://movim.example/" } }),
    ];
    const { user } = renderApp(new FakeClientManager({ clients: entries }));
    const panel = (await screen.findByText(/^\[/, { selector: "h2" })).closest("section")!;
    for (const summary of panel.querySelectorAll<HTMLButtonElement>("button.row-summary")) await user.click(summary);
    expect(panel.querySelectorAll(".row-details")).toHaveLength(entries.length);

    const server = serverWords(entries);
    const texts: string[] = [];
    const walker = document.createTreeWalker(panel, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) texts.push(node.textContent ?? "");
    for (const element of panel.querySelectorAll("*")) {
      for (const name of ["aria-label", "placeholder", "title"]) {
        const value = element.getAttribute(name);
        if (value) texts.push(value);
      }
    }
    const english = texts.map((text) => [text, leftover(text, server)] as const).filter(([, rest]) => /[A-Za-z]/.test(rest));
    expect(english.map(([text]) => text)).toEqual([]);
    // The pseudo text itself is there, not just empty strings.
    expect(texts.some((text) => text.includes("Ţĥîš đéṽîçé"))).toBe(true);
  });
});

describe("the pseudo-locale on every screen and dialog", () => {
  const FINGERPRINT = "AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89";
  const MOVIM = { software: "Movim", softwareId: "movim-web", uri: "https://movim.example/" };
  const entries = [
    makeClient({ id: "client/self1234", userAgent: { software: "Warden", device: "Laptop" }, isCurrent: true, connected: true }),
    makeClient({ id: "client/phone123", userAgent: { software: "Conversations", device: "Pixel 8" }, connected: true, authMethods: ["password"] }),
    makeClient({ id: "client/desk1234", userAgent: { software: "Gajim", device: "Desk" }, authMethods: ["password"] }),
    makeClient({ id: "grant/movim123", kind: "access", authMethods: ["token"], userAgent: MOVIM }),
    makeClient({ id: "client/movim123", connected: true, authMethods: ["fast"], userAgent: { ...MOVIM, device: "Firefox" } }),
    makeClient({ id: "grant/lone1234", kind: "access", authMethods: ["token"], userAgent: { software: "Lone" } }),
  ];
  /** Words no catalog translates: what the server, the system or the user said, and the languages' own names. */
  const SERVER_WORDS = [
    ...entries.flatMap((c) => [c.id, c.id.split("/")[1], c.userAgent.software, c.userAgent.device, c.userAgent.uri]),
    ALICE,
    "example.org",
    "bob@nowhere.invalid",
    "nowhere.invalid",
    "getaddrinfo ENOTFOUND",
    "not-acceptable",
    "too simple",
    "wait",
    FINGERPRINT,
    ...FINGERPRINT.split(":"),
    "CN=example.org",
    "CN=Self",
    "self-signed certificate",
    "English",
    "Deutsch",
    "Français",
    "Mum",
  ]
    .filter((w): w is string => Boolean(w))
    .sort((a, b) => b.length - a.length);

  /**
   * Every text and accessible name in the page whose letters are not all pseudo-accented, once
   * server words are taken out. Skipped: what is hidden from everyone (the decorative brand), and
   * <time>, whose words are Intl's (it has no pseudo-locale data, so they read as English).
   */
  function english(): string[] {
    const texts: string[] = [];
    const skipped = (node: Node) => Boolean(node.parentElement?.closest("[aria-hidden=true], time"));
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) if (!skipped(node)) texts.push(node.textContent ?? "");
    for (const element of document.body.querySelectorAll("*")) {
      if (element.closest("time")) continue;
      for (const name of ["aria-label", "placeholder", "title"]) {
        const value = element.getAttribute(name);
        if (value) texts.push(value);
      }
    }
    return texts.filter((text) => {
      let rest = text;
      for (const word of SERVER_WORDS) rest = rest.split(word).join(" ");
      return /[A-Za-z]/.test(rest.replace(/[\d\s\p{P}\p{S}]/gu, ""));
    });
  }

  const dialog = () => document.querySelector<HTMLDialogElement>("dialog.modal");
  const waitForDialog = () => waitFor(() => expect(dialog()).not.toBeNull());
  const waitForNoDialog = () => waitFor(() => expect(dialog()).toBeNull());
  function field(selector: string): HTMLInputElement {
    const input = document.querySelector<HTMLInputElement>(selector);
    if (!input) throw new Error(`no field ${selector}`);
    return input;
  }

  function renderPseudo(fake: FakeClientManager) {
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["en-XA"]);
    return renderApp(fake);
  }

  it("the sign-in form, its advanced settings and an error with Details", async () => {
    const fake = new FakeClientManager({ accounts: [] });
    const error: AccountError = { kind: "network", message: "getaddrinfo ENOTFOUND nowhere.invalid", code: "ENOTFOUND", host: "nowhere.invalid" };
    fake.onSignIn = (request) => fake.failSignIn(request.jid, error);
    const { user } = renderPseudo(fake);
    await screen.findByText(/^\[/, { selector: "h1" });
    // Empty: the form's own error.
    await user.click(document.querySelector<HTMLButtonElement>("button[type=submit]")!);
    await waitFor(() => expect(document.querySelector("[role=alert]")?.textContent).toMatch(/^\[/));
    expect(english()).toEqual([]);

    await user.type(field("input[autocomplete=username]"), "bob@nowhere.invalid");
    await user.type(field("input[type=password]"), "secret");
    await user.click(document.querySelector("details.advanced summary")!);
    await user.type(field("details.advanced input[type=text]"), "127.0.0.1");
    expect(document.querySelectorAll("details.advanced input[type=checkbox]")).toHaveLength(1);
    await user.click(document.querySelector<HTMLButtonElement>("button[type=submit]")!);
    await waitFor(() => expect(document.querySelector(".error-details")).not.toBeNull());
    expect(english()).toEqual([]);
  });

  it("the certificate prompt", async () => {
    const problem = { kind: "certificate", fingerprint256: FINGERPRINT, subject: "CN=example.org", issuer: "CN=Self", reason: "self-signed certificate", pinMismatch: false, caVerifiedBefore: false } as const;
    for (const variant of [problem, { ...problem, pinMismatch: true }, { ...problem, caVerifiedBefore: true }]) {
      const view = renderPseudo(new FakeClientManager({ state: { status: "error", jid: ALICE, error: variant } }));
      await screen.findByText(/^\[/, { selector: "h1" });
      expect(english()).toEqual([]);
      view.unmount();
    }
  });

  it("an account that needs its password, and one that can continue with its stored sign-in", async () => {
    const states: AccountState[] = [
      { status: "password-needed", jid: ALICE, reason: "token-rejected" },
      { status: "signed-out", storedSignIn: true },
    ];
    for (const state of states) {
      const view = renderPseudo(new FakeClientManager({ accounts: [{ jid: ALICE, state }] }));
      await screen.findByText(/^\[/, { selector: "h1" });
      expect(english()).toEqual([]);
      view.unmount();
    }
  });

  it("a server that can't list clients, and a reconnecting account", async () => {
    const fake = new FakeClientManager();
    fake.seenLists.delete(ALICE);
    fake.listErrors.set(ALICE, { kind: "unsupported" });
    const view = renderPseudo(fake);
    await waitFor(() => expect(document.querySelector(".list-state-unsupported h2")?.textContent).toMatch(/^\[/));
    expect(english()).toEqual([]);
    view.unmount();

    const reconnecting = new FakeClientManager({ clients: entries });
    renderPseudo(reconnecting);
    await screen.findByText(/^\[/, { selector: "h2" });
    reconnecting.setState(ALICE, { status: "reconnecting", jid: ALICE, attempt: 2 });
    await waitFor(() => expect(document.querySelector(".reconnecting-note")).not.toBeNull());
    expect(english()).toEqual([]);
  });

  it("the account screen and each of its dialogs, with their outcomes", async () => {
    const fake = new FakeClientManager({ clients: entries });
    fake.security.set(ALICE, { protections: ["ca-verified-certificate", "scram", "channel-binding", "fast-channel-binding", "downgrade-protection"], pinnedFingerprints: [FINGERPRINT] });
    fake.onChangePassword = () => ({ ok: true, value: { confirmed: true, cutOff: [entries[1]!, entries[2]!], remainingGrants: [entries[5]!], tokenRenewed: false } });
    const { user } = renderPseudo(fake);
    await screen.findByText(/^\[/, { selector: "h2" });
    for (const summary of document.querySelectorAll<HTMLButtonElement>("button.row-summary")) await user.click(summary);
    expect(english()).toEqual([]);

    /** The header's button for these English words (pseudo text: "[" then the words accented, one letter for one). */
    const headerAction = (words: string) => {
      const pseudo = pseudoLocalize(words).map((element) => ("value" in element && typeof element.value === "string" ? element.value : "")).join("");
      const start = pseudo.slice(0, words.length + 1);
      return [...document.querySelectorAll<HTMLButtonElement>(".account-actions button")].find((button) => button.textContent?.startsWith(start))!;
    };
    const check = async () => {
      await waitForDialog();
      expect(english()).toEqual([]);
    };
    const close = async () => {
      fireEvent.keyDown(dialog()!, { key: "Escape" });
      await waitForNoDialog();
    };

    // Change password: the form's own error, the strength hint, then what lost access.
    await user.click(headerAction("Change password…"));
    await check();
    await user.click(dialog()!.querySelector<HTMLButtonElement>("button[type=submit]")!);
    await user.type(dialog()!.querySelector<HTMLInputElement>("input[autocomplete=current-password]")!, "old password");
    const [next, confirm] = dialog()!.querySelectorAll<HTMLInputElement>("input[autocomplete=new-password]");
    await user.type(next!, "a much longer new password");
    expect(english()).toEqual([]);
    await user.type(confirm!, "a much longer new password");
    await user.click(dialog()!.querySelector<HTMLButtonElement>("button[type=submit]")!);
    await waitFor(() => expect(dialog()!.querySelector(".grant-list")).not.toBeNull());
    expect(english()).toEqual([]);
    await user.click(dialog()!.querySelector<HTMLButtonElement>(".modal-actions .button-danger")!);
    await waitFor(() => expect(dialog()!.querySelector(".modal-actions .button-danger")).toBeNull());
    expect(english()).toEqual([]);
    await close();

    // Account details, then its "forget this server" confirmation.
    await user.click(headerAction("Account details…"));
    await waitFor(() => expect(dialog()?.querySelector(".protection-list")).not.toBeNull());
    expect(english()).toEqual([]);
    await user.click(dialog()!.querySelector<HTMLButtonElement>(".button-danger-outline")!);
    await waitFor(() => expect(dialog()!.getAttribute("role")).toBe("alertdialog"));
    expect(english()).toEqual([]);
    await close();

    // Sign out and remove account: the confirmations only.
    for (const words of ["Sign out…", "Remove account…"]) {
      await user.click(headerAction(words));
      await check();
      await close();
    }

    // A new sign-in's banner, then Activity with a line of every kind and its "Clear" confirmation.
    const desk = seenClientOf(entries[2]!);
    const done: RevokeResult = { ok: true, value: { outcome: "gone", removed: ["session"] } };
    act(() => {
      fake.addActivity(ALICE, makeEntry({ kind: "new-sign-in", client: desk }));
      fake.addActivity(ALICE, makeEntry({ kind: "new-sign-in", client: seenClientOf(entries[5]!) }));
    });
    await waitFor(() => expect(document.querySelector(".alerts-banner")).not.toBeNull());
    expect(english()).toEqual([]);
    for (const entry of [
      makeEntry({ kind: "new-way-in", client: desk, added: ["fast"] }),
      makeEntry({ kind: "gone", client: desk }),
      makeEntry({ kind: "revoked", client: desk, by: "you", result: done }),
      makeEntry({ kind: "revoked", client: desk, by: "cleanup", result: { ok: true, value: { outcome: "not-confirmed", connected: false } } }),
      makeEntry({ kind: "password-changed", confirmed: true, cutOff: [desk] }),
      makeEntry({ kind: "password-changed", confirmed: false, cutOff: [] }),
      makeEntry({ kind: "cleanup-run", days: 30, removed: 2, notRemoved: 1 }),
      makeEntry({ kind: "only-this-device", verified: true, remaining: [] }),
      makeEntry({ kind: "only-this-device", verified: false, remaining: [desk] }),
    ])
      fake.account(ALICE).activity.push(entry);
    await user.click(headerAction("Activity"));
    await waitFor(() => expect(dialog()?.querySelectorAll(".activity-entry").length).toBe(11));
    expect(english()).toEqual([]);
    await user.click(dialog()!.querySelector<HTMLButtonElement>(".modal-actions .button-danger-outline")!);
    await waitFor(() => expect(dialog()!.getAttribute("role")).toBe("alertdialog"));
    expect(english()).toEqual([]);
    // Escape leaves the confirmation for the list, then closes the dialog.
    fireEvent.keyDown(dialog()!, { key: "Escape" });
    await waitFor(() => expect(dialog()!.getAttribute("role")).toBeNull());
    await close();

    // Settings: a refused number of days, and names that failed to sync.
    fake.setOptions(ALICE, { ...fake.account(ALICE).options, nicknameSync: true, nicknameSyncProblem: "not-acceptable" });
    await user.click(headerAction("Settings…"));
    await check();
    const days = field(".settings-inline input");
    await user.clear(days);
    await user.type(days, "0{Enter}");
    await waitFor(() => expect(dialog()!.querySelector(".field-error")).not.toBeNull());
    expect(english()).toEqual([]);
    await close();

    // A nickname being typed, then shown in the row.
    await user.click(document.querySelector<HTMLButtonElement>(".nickname-actions button")!);
    expect(english()).toEqual([]);
    await user.type(field(".nickname-editor input"), "Mum{Enter}");
    await waitFor(() => expect(document.querySelector(".row-nickname")).not.toBeNull());

    // This device's own entry, another entry with each outcome, and an app.
    const rowAction = (article: Element) => article.querySelector<HTMLButtonElement>(".row-actions button")!;
    const articles = () => [...document.querySelectorAll("article")];
    await user.click(rowAction(articles()[0]!));
    await check();
    await close();

    const outcomes: RevokeOutcome[] = [
      { outcome: "knows-password", removed: ["session"] },
      { outcome: "not-confirmed", connected: true },
      { outcome: "failed", condition: "not-acceptable", text: "too simple", retryLater: true },
      { outcome: "signed-in-again", with: "token" },
    ];
    for (const outcome of outcomes) {
      fake.onRevoke = () => ({ ok: true, value: outcome });
      const desk = articles().find((article) => article.textContent?.includes("Desk"))!;
      await user.click(rowAction(desk));
      await check();
      await user.click(dialog()!.querySelector<HTMLButtonElement>(".modal-actions .button-danger")!);
      await waitFor(() => expect(dialog()!.querySelector("[role=status]")?.textContent).toMatch(/^\[/));
      expect(english()).toEqual([]);
      await close();
    }

    fake.onRevoke = () => ({ ok: false, error: { kind: "timeout" } });
    const app = articles().find((article) => article.textContent?.includes("Movim"))!;
    await user.click(rowAction(app));
    await check();
    await user.click(dialog()!.querySelector<HTMLButtonElement>(".modal-actions .button-danger")!);
    await waitFor(() => expect(dialog()!.querySelector("[role=status]")?.textContent).toMatch(/^\[/));
    expect(english()).toEqual([]);
    await close();
  });
});

describe("the language choice", () => {
  it("switches the UI at once and keeps the choice with the core; System default follows the system again", async () => {
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["fr-CA", "en"]);
    const fake = new FakeClientManager();
    const user = userEvent.setup();
    render(
      <ClientManagerProvider api={fake}>
        <I18nProvider>
          <LanguageSelect />
        </I18nProvider>
      </ClientManagerProvider>,
    );
    // Nothing chosen: the system's French.
    const select = await screen.findByRole("combobox", { name: "Langue" });
    expect(within(select).getByRole("option", { selected: true }).textContent).toBe("Langue du système");

    await user.selectOptions(select, "de");
    expect(await screen.findByRole("combobox", { name: "Sprache" })).toBe(select);
    expect(fake.callsOf("setLanguage")).toEqual([{ language: "de" }]);
    expect(fake.language).toBe("de");

    await user.selectOptions(select, "system");
    expect(await screen.findByRole("combobox", { name: "Langue" })).toBe(select);
    expect(fake.callsOf("setLanguage")).toEqual([{ language: "de" }, { language: null }]);
  });

  it("starts in the language saved in settings, over the system's", async () => {
    vi.spyOn(navigator, "languages", "get").mockReturnValue(["fr-FR"]);
    const fake = new FakeClientManager();
    fake.language = "en";
    render(
      <ClientManagerProvider api={fake}>
        <I18nProvider>
          <LanguageSelect />
        </I18nProvider>
      </ClientManagerProvider>,
    );
    expect(await screen.findByRole("combobox", { name: "Language" })).toBeTruthy();
    expect(screen.getByRole("option", { selected: true }).textContent).toBe("English");
  });
});
