// Browser mode's gatekeeping: one-time launch token → session cookie, Host/Origin pinned to the
// address actually bound, and the hosts' security headers (hosts/security-headers.ts) for this address.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { contentSecurityPolicy as hostsPolicy, securityHeaders as hostsHeaders } from "../hosts/security-headers.js";

/** 32 random bytes (256 bits), base64url: used for both the launch token and the session cookie. */
export function randomSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** Constant-time string comparison (hashing first, so different lengths don't leak either). */
export function secretsEqual(a: string, b: string): boolean {
  const ha = createHash("sha256").update(a, "utf8").digest();
  const hb = createHash("sha256").update(b, "utf8").digest();
  return timingSafeEqual(ha, hb);
}

/** Every value the Cookie header(s) give for `name` (there may be several with the same name). */
export function cookieValues(header: string | undefined, name: string): string[] {
  if (header === undefined) return [];
  const values: string[] = [];
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) values.push(part.slice(eq + 1).trim());
  }
  return values;
}

/** Where the host listens: its own loopback address and a port. Every check below follows it. */
export type Listening = { address: string; port: number };

/** How long a session lasts, in the browser (the cookie's Max-Age) and in the host: 12 hours. */
export const SESSION_MAX_AGE_SECONDS = 12 * 60 * 60;

/** The one Host the page may be reached under; anything else is refused (DNS rebinding). */
export function allowedHost({ address, port }: Listening): string {
  return `${address}:${port}`;
}

export function allowedOrigin(listening: Listening): string {
  return `http://${allowedHost(listening)}`;
}

export function hostAllowed(req: IncomingMessage, listening: Listening): boolean {
  const host = req.headers.host;
  return typeof host === "string" && host.toLowerCase() === allowedHost(listening);
}

export function originAllowed(req: IncomingMessage, listening: Listening): boolean {
  const origin = req.headers.origin;
  return typeof origin === "string" && origin.toLowerCase() === allowedOrigin(listening);
}

/**
 * The session cookie: host-only (no Domain, so it goes to this address alone), HttpOnly,
 * SameSite=Strict, and gone from the browser after SESSION_MAX_AGE_SECONDS.
 */
export function sessionCookie(name: string, value: string): string {
  return `${name}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${SESSION_MAX_AGE_SECONDS}`;
}

/** Browser mode's one difference from the shell's policy: the page's WebSocket reaches this exact address and port. */
function webSocketOrigin(listening: Listening): string {
  return `ws://${allowedHost(listening)}`;
}

export function contentSecurityPolicy(listening: Listening): string {
  return hostsPolicy({ webSocketOrigin: webSocketOrigin(listening), delivery: "header" });
}

/** Sent with every response, refusals included. */
export function securityHeaders(listening: Listening): Record<string, string> {
  return hostsHeaders({ webSocketOrigin: webSocketOrigin(listening) });
}
