// The `app://warden/` protocol: serves the built renderer (dist/renderer) and nothing else, with
// the hosts' strict Content-Security-Policy and headers (hosts/security-headers.ts) on every
// response. Pure apart from reading files: main.ts passes `serveAppRequest` to protocol.handle, and
// the tests call it with plain Request objects.
import { readRendererFile, type RendererFile } from "../hosts/renderer-files.js";
import { contentSecurityPolicy, securityHeaders } from "../hosts/security-headers.js";

export const APP_SCHEME = "app";
export const APP_HOST = "warden";
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/** The shell's policy: no WebSocket origin, since the UI talks to the core over IPC, never fetch or WebSocket. */
export const CONTENT_SECURITY_POLICY = contentSecurityPolicy({ delivery: "header" });

/**
 * The file under `rootDir` that `url` names. `app://warden/` is index.html. Refuses other schemes
 * and hosts and URLs with credentials; the path checks are readRendererFile's.
 */
export async function lookupAppFile(url: string, rootDir: string): Promise<RendererFile> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: "forbidden" };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || parsed.username !== "" || parsed.password !== "") {
    return { kind: "forbidden" };
  }
  // A standard scheme's URL always has a path in Chromium; Node's URL leaves "app://warden" empty.
  return readRendererFile(rootDir, parsed.pathname === "" ? "/" : parsed.pathname);
}

function textResponse(status: number, text: string): Response {
  return new Response(text, { status, headers: { ...securityHeaders(), "Content-Type": "text/plain; charset=utf-8" } });
}

/** The protocol handler: GET/HEAD of files under `rootDir`, each with the security headers. */
export async function serveAppRequest(request: Pick<Request, "url" | "method">, rootDir: string): Promise<Response> {
  if (request.method !== "GET" && request.method !== "HEAD") return textResponse(405, "Method not allowed\n");
  const found = await lookupAppFile(request.url, rootDir);
  if (found.kind === "forbidden") return textResponse(403, "Forbidden\n");
  if (found.kind === "not-found") return textResponse(404, "Not found\n");
  return new Response(request.method === "HEAD" ? null : new Uint8Array(found.body), {
    status: 200,
    headers: { ...securityHeaders(), "Content-Type": found.contentType, "Content-Length": String(found.body.length) },
  });
}
