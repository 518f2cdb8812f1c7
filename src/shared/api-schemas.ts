import { z } from "zod";
import type { ClientManagerMethod } from "./api.js";
import {
  accountRequestSchema,
  changePasswordRequestSchema,
  removePinnedCertificateRequestSchema,
  revokeRequestSchema,
  setDeviceNameRequestSchema,
  signInRequestSchema,
  signOutRequestSchema,
  trustCertificateRequestSchema,
} from "./requests.js";

/**
 * The argument each API method takes, as it must look when it crosses a process boundary (IPC or
 * WebSocket). Hosts validate with these before calling src/core.
 */
export const METHOD_ARGUMENT_SCHEMAS = {
  signIn: signInRequestSchema,
  signOut: signOutRequestSchema.optional(),
  getState: z.undefined(),
  listClients: z.undefined(),
  revokeClient: revokeRequestSchema,
  changePassword: changePasswordRequestSchema,
  trustCertificate: trustCertificateRequestSchema,
  getAccountSecurity: accountRequestSchema,
  removePinnedCertificate: removePinnedCertificateRequestSchema,
  forgetServer: accountRequestSchema,
  setDeviceName: setDeviceNameRequestSchema,
} as const satisfies Record<ClientManagerMethod, z.ZodType>;
