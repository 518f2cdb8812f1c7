// Warden's main process: one window, src/core behind IPC. This file only wires Electron's objects
// to the pure modules beside it (handler table, sender check, protocol, security decisions), which
// the unit tests cover in plain Node.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { app, BrowserWindow, dialog, ipcMain, Menu, Notification, protocol, session, shell, type WebContents } from "electron";
import Store from "electron-store";
import { APP_NAME, createClientManager, type ClientManager } from "../src/core/client-manager.js";
import { createDispatcher } from "../src/core/dispatch.js";
import { createOsKeychain } from "../src/core/credentials/keychain.js";
import { SETTINGS_BACKEND_OPTIONS, settingsStoreFromBackend } from "../src/core/settings/conf-settings-store.js";
import type { ClientManagerMethod } from "../src/shared/api.js";
import { APP_ENTRY_URL, APP_ORIGIN, APP_SCHEME, serveAppRequest } from "./app-protocol.js";
import { createIpcHandlers, forwardEventsToWindow, registerIpcHandlers } from "./ipc-handlers.js";
import { parseLaunchOptions } from "./launch-options.js";
import { completionNotice } from "./notifications.js";
import { handleWindowOpen, isRequestAllowed, permissionGranted } from "./security.js";
import { isTrustedEvent, originOf } from "./sender.js";
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
const rendererDir = join(app.getAppPath(), "dist", "renderer");
const iconPath = join(import.meta.dirname, "icon.png");

let mainWindow: BrowserWindow | null = null;
let manager: ClientManager | undefined;
let disposing = false;

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
  const preloadPath = join(import.meta.dirname, "preload.cjs");
  const window = new BrowserWindow(mainWindowOptions(preloadPath, existsSync(iconPath) ? iconPath : undefined)); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  mainWindow = window;
  window.once("ready-to-show", () => window.show());
  window.on("closed", () => {
    if (mainWindow === window) mainWindow = null;
  });
  void window.loadURL(launch.devServerUrl ?? APP_ENTRY_URL).catch((error: unknown) => {
    console.error(`warden: could not load the UI: ${error instanceof Error ? error.message : String(error)}`);
  });
}

function focusWindow(): void {
  const window = liveWindow();
  if (window === null) return createWindow();
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
}

function notifyIfUnfocused(method: ClientManagerMethod, result: unknown): void {
  const window = liveWindow();
  if (window !== null && window.isFocused()) return;
  const notice = completionNotice(method, result);
  if (notice === null || !Notification.isSupported()) return;
  const notification = new Notification({ title: notice.title, body: notice.body });
  notification.on("click", focusWindow);
  notification.show();
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
  const core = createClientManager({ settings: settingsStoreFromBackend(store), keychain: createOsKeychain(launch.keychainService) });
  const dispatch = createDispatcher(core, {
    onSettled: notifyIfUnfocused,
    onCoreError: (method) => console.error(`warden: ${method} failed unexpectedly`),
  });
  const table = createIpcHandlers(dispatch, {
    isTrusted: (event) => isTrustedEvent(event, { webContentsId: () => liveWindow()?.webContents.id, origin: appOrigin }),
    onUntrusted: (method) => console.error(`warden: ${method} refused: the sender is not Warden's window`),
  });
  registerIpcHandlers(table, (channel, handler) => ipcMain.handle(channel, handler));
  forwardEventsToWindow(core, (channel, payload) => liveWindow()?.webContents.send(channel, payload));
  void core.resumeRemembered();
  return core;
}

async function start(): Promise<void> {
  await app.whenReady();
  if (process.platform === "win32") app.setAppUserModelId("app.warden.desktop");
  app.setAboutPanelOptions({ applicationName: APP_NAME, applicationVersion: app.getVersion(), copyright: "MIT License" });
  Menu.setApplicationMenu(Menu.buildFromTemplate(applicationMenuTemplate(process.platform, { devTools: !app.isPackaged })));
  hardenSession();
  manager = startCore();
  createWindow();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on("second-instance", focusWindow);
  app.on("web-contents-created", (_event, contents) => harden(contents));
  // macOS keeps the app in the dock with no window; clicking it opens one again.
  app.on("activate", () => {
    if (app.isReady() && liveWindow() === null) createWindow();
  });
  app.on("window-all-closed", () => {
    if (process.platform !== "darwin") app.quit();
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
