import { z } from "zod";
import type { ClientInfo } from "./client-info.js";

/**
 * What Warden keeps of a listed entry to compare the next list with, and to name it in Activity:
 * ids, names, times and ways in. Never a secret (the server lists none).
 */
export const seenClientSchema = z.object({
  id: z.string(),
  kind: z.enum(["session", "access"]),
  software: z.string().optional(),
  softwareVersion: z.string().optional(),
  device: z.string().optional(),
  authMethods: z.array(z.string()),
  firstSeen: z.number().optional(),
  lastSeen: z.number().optional(),
});
export type SeenClient = z.infer<typeof seenClientSchema>;

export function seenClientOf(client: ClientInfo): SeenClient {
  const { software, softwareVersion, device } = client.userAgent;
  return {
    id: client.id,
    kind: client.kind,
    ...(software !== undefined ? { software } : {}),
    ...(softwareVersion !== undefined ? { softwareVersion } : {}),
    ...(device !== undefined ? { device } : {}),
    authMethods: [...client.authMethods],
    ...(client.firstSeen !== undefined ? { firstSeen: client.firstSeen } : {}),
    ...(client.lastSeen !== undefined ? { lastSeen: client.lastSeen } : {}),
  };
}
