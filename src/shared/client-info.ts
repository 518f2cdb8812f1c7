import { z } from "zod";

/** `token` stands for both `<bearer-token/>` (Prosody) and `<grant/>` (XEP-0494); unknown names are kept as sent. */
export const KNOWN_AUTH_METHODS = ["password", "token", "fast"] as const;
export type KnownAuthMethod = (typeof KNOWN_AUTH_METHODS)[number];

export const permissionSchema = z.enum(["unrestricted", "normal", "restricted"]);
export type Permission = z.infer<typeof permissionSchema>;

export const userAgentSchema = z.object({
  software: z.string().optional(),
  softwareId: z.string().optional(),
  softwareVersion: z.string().optional(),
  uri: z.string().optional(),
  device: z.string().optional(),
});
export type UserAgent = z.infer<typeof userAgentSchema>;

export const clientInfoSchema = z.object({
  /** Opaque: revoke with exactly this value. */
  id: z.string(),
  kind: z.enum(["session", "access"]),
  connected: z.boolean(),
  /** Milliseconds since the epoch; absent when the server sent none or an unparseable one. */
  firstSeen: z.number().optional(),
  lastSeen: z.number().optional(),
  authMethods: z.array(z.string()),
  userAgent: userAgentSchema,
  /** XEP-0494 only. */
  permission: permissionSchema.optional(),
  /** This app's own entry. */
  isCurrent: z.boolean(),
});
export type ClientInfo = z.infer<typeof clientInfoSchema>;

export const protocolSchema = z.enum(["prosody", "xep-0494"]);
export type ManageClientsProtocol = z.infer<typeof protocolSchema>;

export const clientListSchema = z.object({
  clients: z.array(clientInfoSchema),
  protocol: protocolSchema,
  /** When the list was received, milliseconds since the epoch. */
  fetchedAt: z.number(),
});
export type ClientList = z.infer<typeof clientListSchema>;
