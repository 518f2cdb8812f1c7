// Warden's main process: one window, src/core behind IPC, and a tray icon that keeps Warden
// watching with the window closed. This file only wires Electron's objects to the pure modules
// beside it (handler table, sender check, protocol, security decisions, close behaviour, login item,
// single instance, notification texts), which the unit tests cover in plain Node.
import { existsSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { homedir } from "node:os";
import { dirname, join } from "node:path";
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeImage, Notification, protocol, session, shell, Tray, type WebContents } from "electron";
import Store from "electron-store";
// electron-updater is CommonJS and defines autoUpdater as a getter: only the default import reaches it from ESM.
import electronUpdater from "electron-updater";
import { APP_NAME, createClientManager, type ClientManager } from "../src/core/client-manager.js";
import { createDispatcher } from "../src/core/dispatch.js";
import { createOsKeychain } from "../src/core/credentials/keychain.js";
import { createFileRecords } from "../src/core/records/file-records.js";
import { SETTINGS_BACKEND_OPTIONS, settingsStoreFromBackend } from "../src/core/settings/conf-settings-store.js";
import type { ClientManagerEvents, ClientManagerMethod } from "../src/shared/api.js";
import { watchNotice, type Notice } from "../src/shared/alert-text.js";
import type { Preferences } from "../src/shared/preferences.js";
import type { Language } from "../src/shared/requests.js";
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, serveAppRequest } from "./app-protocol.js";
import { createAutoUpdate } from "./auto-update.js";
import { PRELOAD_BUNDLE, RENDERER_DIR, WINDOW_ICON } from "./build-layout.js";
import { closeAction, closeQuestion, keepWatchingAnswer, launchDefaults } from "./close-behaviour.js";
import { hostLanguage, hostText, type HostText } from "./host-text.js";
import { createIpcHandlers, forwardEventsToWindow, registerIpcHandlers } from "./ipc-handlers.js";
import { parseLaunchOptions } from "./launch-options.js";
import { autostartEntry, autostartFile, loginCommand, loginItemSettings, startsHidden } from "./login-item.js";
import { completionNotice } from "./notifications.js";
import { handleWindowOpen, isRequestAllowed, permissionGranted } from "./security.js";
import { isTrustedEvent, originOf } from "./sender.js";
import { claimSingleInstance, showAndFocus } from "./single-instance.js";
import { trayClickOpens, trayMenuTemplate } from "./tray.js";
import { applicationMenuTemplate, mainWindowOptions } from "./window-options.js";

const DISPOSE_TIMEOUT_MS = 3_000;

const launch = parseLaunchOptions(process.argv, process.env, app.isPackaged);
// Before anything reads userData: the single-instance lock and electron-store both live there.
if (launch.userDataDir !== undefined) app.setPath("userData", launch.userDataDir);

// Must happen before `ready`. Standard + secure: app://warden is a real origin with a secure context.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
// Every renderer sandboxed, whatever its webPreferences say.
app.enableSandbox();

const devServerOrigin = launch.devServerUrl === undefined ? undefined : (originOf(launch.devServerUrl) ?? undefined);
const appOrigin = devServerOrigin ?? APP_ORIGIN;
const rendererDir = join(app.getAppPath(), RENDERER_DIR);
const iconPath = join(import.meta.dirname, WINDOW_ICON);

const loginCommandOfThisApp = loginCommand({
  execPath: process.execPath,
  appPath: app.getAppPath(),
  packaged: app.isPackaged,
  ...(process.env.APPIMAGE ? { appImage: process.env.APPIMAGE } : {}),
});

let mainWindow: BrowserWindow | null = null;
let manager: ClientManager | undefined;
let disposing = false;
/** Set once start() has made the core, the tray and (unless hidden) the window. */
let started = false;
/** Set once the app is quitting: closing the window then neither hides it nor asks. */
let quitting = false;
let askingOnClose = false;
let tray: Tray | null = null;
/** The core's, kept current: the close handler must decide synchronously. */
let preferences: Preferences | undefined;
/** The language chosen in Warden's settings (undefined: the system's). */
let chosenLanguage: Language | undefined;
/** A notification click whose window was still loading: revealed once the page reports itself visible. */
let pendingReveal: { jid: string; id: string } | null = null;
/** Shown notifications stay referenced until clicked or closed, or a collected one would lose its click. */
const shownNotifications = new Set<Notification>();

function text(): HostText {
  return hostText(hostLanguage(chosenLanguage, app.getLocale()));
}

function liveWindow(): BrowserWindow | null {
  return mainWindow !== null && !mainWindow.isDestroyed() ? mainWindow : null;
}

/** Applied to every webContents: no navigation, no webviews, no new windows (https links open in the browser). */
function harden(contents: WebContents): void {
  contents.on("will-navigate", (event) => event.preventDefault());
  contents.on("will-redirect", (event) => event.preventDefault());
  contents.on("will-attach-webview", (event) => event.preventDefault());
  // handleWindowOpen passes only https: URLs without credentials to openExternal (security.ts, tested).
  contents.setWindowOpenHandler(({ url }) => handleWindowOpen(url, (target) => shell.openExternal(target))); // eng-disable OPEN_EXTERNAL_JS_CHECK
}

function createWindow(): void {
  // Electronegativity reads BrowserWindow options only from an inline literal. Ours come from
  // window-options.ts (contextIsolation, sandbox, nodeIntegration: false, webSecurity, Auxclick
  // disabled), asserted by test/electron/window-options.test.ts and, with the Electron binary, by
  // test/e2e-electron (no require/process/ipcRenderer in the page, only window.clientManager).
  const preloadPath = join(import.meta.dirname, PRELOAD_BUNDLE);
  const window = new BrowserWindow(mainWindowOptions(preloadPath, existsSync(iconPath) ? iconPath : undefined)); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  mainWindow = window;
  window.once("ready-to-show", () => window.show());
  window.on("close", (event) => onWindowClose(event, window));
  // Windows logs off or shuts down: let the window close rather than hide it.
  window.on("session-end", () => {
    quitting = true;
  });
  // The page reports visibility too (document.visibilityState); a window hidden to the tray says so here.
  window.on("show", () => reportVisible(true));
  window.on("restore", () => reportVisible(true));
  window.on("hide", () => reportVisible(false));
  window.on("minimize", () => reportVisible(false));
  window.on("closed", () => {
    if (mainWindow === window) mainWindow = null;
    reportVisible(false);
  });
  void window.loadURL(launch.devServerUrl ?? APP_ENTRY_URL).catch((error: unknown) => {
    console.error(`warden: could not load the UI: ${error instanceof Error ? error.message : String(error)}`);
  });
}

/** Before start() is done, start() decides about the window (a second window must not appear meanwhile). */
function focusWindow(): void {
  if (started) showAndFocus(liveWindow(), createWindow);
}

function reportVisible(visible: boolean): void {
  void manager?.setWindowVisible({ visible });
}

function onWindowClose(event: Electron.Event, window: BrowserWindow): void {
  const action = closeAction({ quitting, keepWatchingWhenClosed: preferences?.background?.keepWatchingWhenClosed ?? null, platform: process.platform });
  if (action === "allow") return;
  event.preventDefault();
  if (action === "hide") window.hide();
  else if (action === "quit") app.quit();
  else void askOnClose(window);
}

/** First close where nothing is decided (Linux): ask, store the answer, and act on it. */
async function askOnClose(window: BrowserWindow): Promise<void> {
  if (askingOnClose) return;
  askingOnClose = true;
  try {
    const { response } = await dialog.showMessageBox(window, closeQuestion(text()));
    const keepWatching = keepWatchingAnswer(response);
    if (keepWatching === null) return;
    // Stored, it is never asked again; the settings can change it.
    await manager?.setPreferences({ keepWatchingWhenClosed: keepWatching });
    if (keepWatching) window.hide();
    else app.quit();
  } finally {
    askingOnClose = false;
  }
}

function showNotice(notice: Notice, onClick: () => void): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ title: notice.title, body: notice.body });
  shownNotifications.add(notification);
  notification.on("close", () => shownNotifications.delete(notification));
  notification.on("click", () => {
    shownNotifications.delete(notification);
    onClick();
  });
  notification.show();
}

function notifyIfUnfocused(method: ClientManagerMethod, result: unknown): void {
  const window = liveWindow();
  if (window !== null && window.isFocused()) return;
  const notice = completionNotice(method, result, hostLanguage(chosenLanguage, app.getLocale()));
  if (notice !== null) showNotice(notice, focusWindow);
}

/** New sign-ins, new ways in and cleanup runs, announced whether or not the window is open. */
function announce({ jid, entry }: ClientManagerEvents["activity-added"]): void {
  const notice = watchNotice(jid, entry, hostLanguage(chosenLanguage, app.getLocale()));
  if (notice === null) return;
  const { reveal } = notice;
  showNotice(notice, () => {
    const window = liveWindow();
    const pageReady = window !== null && !window.webContents.isLoading();
    focusWindow();
    if (reveal === undefined) return;
    // A window just created (or still loading) cannot hear the event yet: wait for its page.
    if (pageReady) manager?.revealClient(reveal.jid, reveal.id);
    else pendingReveal = reveal;
  });
}

/** Calls the page made through IPC, once answered. */
function afterPageCall(method: ClientManagerMethod, result: unknown): void {
  notifyIfUnfocused(method, result);
  // The page reports itself visible once it runs: now it hears "reveal-client".
  if (method === "setWindowVisible" && pendingReveal !== null) {
    manager?.revealClient(pendingReveal.jid, pendingReveal.id);
    pendingReveal = null;
  }
  if (method === "setLanguage") void readHostState();
}

/** The language and preferences the shell acts on, from the core. */
async function readHostState(): Promise<void> {
  const state = await manager?.getState();
  if (state === undefined || !state.ok) return;
  chosenLanguage = state.value.language;
  preferences = state.value.preferences;
  updateTray();
}

function updateTray(): void {
  if (tray === null) return;
  const words = text();
  tray.setToolTip(words.trayToolTip);
  tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(words, { open: focusWindow, quit: () => app.quit() })));
}

function createTray(): void {
  const image = nativeImage.createFromPath(iconPath);
  // The menu bar wants a small icon; the others scale it themselves.
  tray = new Tray(process.platform === "darwin" && !image.isEmpty() ? image.resize({ width: 18, height: 18 }) : image);
  if (trayClickOpens(process.platform)) tray.on("click", focusWindow);
  updateTray();
}

/** Registers (or removes) Warden as something the OS starts at login; Linux has no login items in Electron: an XDG autostart entry. */
async function applyLoginItem(startAtLogin: boolean): Promise<void> {
  if (process.platform === "darwin" || process.platform === "win32") {
    app.setLoginItemSettings(loginItemSettings(startAtLogin, loginCommandOfThisApp));
    return;
  }
  const file = autostartFile(process.env, homedir());
  try {
    if (startAtLogin) {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, autostartEntry(loginCommandOfThisApp), { mode: 0o644 });
    } else {
      await rm(file, { force: true });
    }
  } catch (error) {
    console.error(`warden: could not change the autostart entry: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function onPreferencesChanged({ preferences: next }: ClientManagerEvents["preferences-changed"]): void {
  const startAtLogin = next.background?.startAtLogin;
  const changed = startAtLogin !== preferences?.background?.startAtLogin;
  preferences = next;
  if (changed && startAtLogin !== undefined) void applyLoginItem(startAtLogin);
}

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(permissionGranted()));
  ses.setPermissionCheckHandler(() => permissionGranted());
  ses.setDevicePermissionHandler(() => permissionGranted());
  ses.webRequest.onBeforeRequest((details, callback) => callback({ cancel: !isRequestAllowed(details.url, devServerOrigin) }));
  ses.protocol.handle(APP_SCHEME, (request) => serveAppRequest(request, rendererDir));
}

function startCore(): ClientManager {
  const store = new Store<Record<string, unknown>>(SETTINGS_BACKEND_OPTIONS);
  const updates = createAutoUpdate({
    // Read only when packaged: reading autoUpdater creates the updater, and an unpackaged run has no feed.
    updater: app.isPackaged ? electronUpdater.autoUpdater : null,
    // The updater closes the windows first: they must close, not hide to the tray.
    beforeRestart: () => {
      quitting = true;
    },
    log: (message) => console.error(message),
  });
  const core = createClientManager({
    settings: settingsStoreFromBackend(store),
    keychain: createOsKeychain(launch.keychainService),
    records: createFileRecords(join(app.getPath("userData"), "records")),
    background: true,
    updates,
  });
  const dispatch = createDispatcher(core, {
    onSettled: afterPageCall,
    onCoreError: (method) => console.error(`warden: ${method} failed unexpectedly`),
  });
  const table = createIpcHandlers(dispatch, {
    isTrusted: (event) => isTrustedEvent(event, { webContentsId: () => liveWindow()?.webContents.id, origin: appOrigin }),
    onUntrusted: (method) => console.error(`warden: ${method} refused: the sender is not Warden's window`),
  });
  registerIpcHandlers(table, (channel, handler) => ipcMain.handle(channel, handler));
  forwardEventsToWindow(core, (channel, payload) => liveWindow()?.webContents.send(channel, payload));
  core.on("activity-added", announce);
  core.on("preferences-changed", onPreferencesChanged);
  return core;
}

async function start(): Promise<void> {
  await app.whenReady();
  if (process.platform === "win32") app.setAppUserModelId("app.warden.desktop");
  app.setAboutPanelOptions({ applicationName: APP_NAME, applicationVersion: app.getVersion(), copyright: "MIT License" });
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(process.platform, { devTools: !app.isPackaged })));
  hardenSession();
  const core = startCore();
  manager = core;
  await readHostState();
  const defaults = launchDefaults(preferences?.background, process.platform);
  if (defaults !== null) await core.setPreferences(defaults);
  if (preferences?.background !== undefined) await applyLoginItem(preferences.background.startAtLogin);
  createTray();
  // A launch at login starts in the tray: no window until the user opens one.
  const hidden = startsHidden(process.argv, process.platform, process.platform === "darwin" && app.getLoginItemSettings().wasOpenedAtLogin);
  if (hidden) reportVisible(false);
  else createWindow();
  started = true;
  void core.resumeRemembered();
}

if (claimSingleInstance(app, focusWindow)) {
  app.on("web-contents-created", (_event, contents) => harden(contents));
  // macOS: clicking the dock icon brings the window back (or opens it again).
  app.on("activate", focusWindow);
  // Closing the window decides (onWindowClose) whether Warden quits; no window left is no reason to.
  app.on("window-all-closed", () => undefined);
  app.on("before-quit", () => {
    quitting = true;
  });
  // Sign out cleanly (without forgetting anything) before the process ends.
  app.on("will-quit", (event) => {
    if (manager === undefined || disposing) return;
    event.preventDefault();
    disposing = true;
    const core = manager;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, DISPOSE_TIMEOUT_MS).unref());
    void Promise.race([core.dispose().catch(() => undefined), timeout]).finally(() => app.quit());
  });
  start().catch((error: unknown) => {
    dialog.showErrorBox("Warden could not start", error instanceof Error ? error.message : String(error));
    app.exit(1);
  });
}
