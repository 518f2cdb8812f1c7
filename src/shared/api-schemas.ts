import { z } from "zod";
import { activityResultSchema, doneResultSchema, accountSecurityResultSchema, onlyThisDeviceResultSchema, signInResultSchema, stateResultSchema, type ClientManagerApi, type ClientManagerMethod } from "./api.js";
import { changePasswordResultSchema, listClientsResultSchema, revokeResultSchema } from "./outcomes.js";
import {
  accountRequestSchema,
  changePasswordRequestSchema,
  onlyThisDeviceRequestSchema,
  setCleanupRuleRequestSchema,
  setNicknameRequestSchema,
  setNicknameSyncRequestSchema,
  setPreferencesRequestSchema,
  setWindowVisibleRequestSchema,
  removePinnedCertificateRequestSchema,
  revokeRequestSchema,
  setDeviceNameRequestSchema,
  setLanguageRequestSchema,
  signInRequestSchema,
  signOutRequestSchema,
  trustCertificateRequestSchema,
} from "./requests.js";

/**
 * The argument each API method takes, as it must look when it crosses a process boundary. The
 * core's dispatcher validates with these before calling the client manager.
 */
export const METHOD_ARGUMENT_SCHEMAS = {
  getState: z.undefined(),
  signIn: signInRequestSchema,
  signOut: signOutRequestSchema,
  reconnectNow: accountRequestSchema,
  removeAccount: accountRequestSchema,
  listClients: accountRequestSchema,
  revokeClient: revokeRequestSchema,
  changePassword: changePasswordRequestSchema,
  trustCertificate: trustCertificateRequestSchema,
  getAccountSecurity: accountRequestSchema,
  removePinnedCertificate: removePinnedCertificateRequestSchema,
  forgetServer: accountRequestSchema,
  setDeviceName: setDeviceNameRequestSchema,
  setLanguage: setLanguageRequestSchema,
  setWindowVisible: setWindowVisibleRequestSchema,
  markAlertsSeen: accountRequestSchema,
  getActivity: accountRequestSchema,
  clearActivity: accountRequestSchema,
  setPreferences: setPreferencesRequestSchema,
  setCleanupRule: setCleanupRuleRequestSchema,
  setNickname: setNicknameRequestSchema,
  setNicknameSync: setNicknameSyncRequestSchema,
  startOnlyThisDevice: onlyThisDeviceRequestSchema,
  continueOnlyThisDevice: accountRequestSchema,
  dismissOnlyThisDevice: accountRequestSchema,
  restartToUpdate: z.undefined(),
} as const satisfies Record<ClientManagerMethod, z.ZodType>;

/** The reply each method resolves to: a page or a script checks what crossed before using it. */
export const METHOD_REPLY_SCHEMAS = {
  getState: stateResultSchema,
  signIn: signInResultSchema,
  signOut: doneResultSchema,
  reconnectNow: doneResultSchema,
  removeAccount: doneResultSchema,
  listClients: listClientsResultSchema,
  revokeClient: revokeResultSchema,
  changePassword: changePasswordResultSchema,
  trustCertificate: doneResultSchema,
  getAccountSecurity: accountSecurityResultSchema,
  removePinnedCertificate: doneResultSchema,
  forgetServer: doneResultSchema,
  setDeviceName: doneResultSchema,
  setLanguage: doneResultSchema,
  setWindowVisible: doneResultSchema,
  markAlertsSeen: doneResultSchema,
  getActivity: activityResultSchema,
  clearActivity: doneResultSchema,
  setPreferences: doneResultSchema,
  setCleanupRule: doneResultSchema,
  setNickname: doneResultSchema,
  setNicknameSync: doneResultSchema,
  startOnlyThisDevice: onlyThisDeviceResultSchema,
  continueOnlyThisDevice: onlyThisDeviceResultSchema,
  dismissOnlyThisDevice: doneResultSchema,
  restartToUpdate: doneResultSchema,
} as const satisfies { [M in ClientManagerMethod]: z.ZodType<Awaited<ReturnType<ClientManagerApi[M]>>> };
