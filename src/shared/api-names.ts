// The names of the API's methods and events, free of any runtime import (no zod): the Electron
// preload bundles this file, and nothing else of the contract's runtime.
import type { ClientManagerApi, ClientManagerEvents } from "./api.js";

export type ClientManagerEventName = keyof ClientManagerEvents;
export const CLIENT_MANAGER_EVENTS = [
  "state-changed",
  "clients-changed",
  "account-removed",
  "activity-added",
  "alerts-changed",
  "account-options-changed",
  "only-this-device-changed",
  "preferences-changed",
  "update-changed",
  "reveal-client",
] as const satisfies readonly ClientManagerEventName[];

/** The request/response methods, in one list for every host's routing. */
export const CLIENT_MANAGER_METHODS = [
  "getState",
  "signIn",
  "signOut",
  "reconnectNow",
  "removeAccount",
  "listClients",
  "revokeClient",
  "changePassword",
  "trustCertificate",
  "getAccountSecurity",
  "removePinnedCertificate",
  "forgetServer",
  "setDeviceName",
  "setLanguage",
  "setWindowVisible",
  "markAlertsSeen",
  "getActivity",
  "clearActivity",
  "setPreferences",
  "setCleanupRule",
  "setNickname",
  "setNicknameSync",
  "startOnlyThisDevice",
  "continueOnlyThisDevice",
  "dismissOnlyThisDevice",
  "restartToUpdate",
] as const satisfies readonly Exclude<keyof ClientManagerApi, "on">[];
export type ClientManagerMethod = (typeof CLIENT_MANAGER_METHODS)[number];
