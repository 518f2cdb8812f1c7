// The `app://warden/` protocol: serves the built renderer (dist/renderer) and nothing else, with a
// strict Content-Security-Policy on every response. Pure apart from reading files: main.ts passes
// `serveAppRequest` to protocol.handle, and the tests call it with plain Request objects.
import { readFile, realpath, stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";

export const APP_SCHEME = "app";
export const APP_HOST = "warden";
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * Only the app's own files: scripts and styles from app://warden, images also from data: URLs,
 * no plugins, no frames, no forms, no base-tag tricks, and no network (`connect-src 'self'` is the
 * app's own files: the UI talks to the core over IPC, never fetch or WebSocket).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
].join("; ");

export function securityHeaders(): Record<string, string> {
  return {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cache-Control": "no-store",
  };
}

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
};

export function contentTypeOf(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
}

export type AppFileLookup =
  | { kind: "file"; path: string }
  | { kind: "not-found" }
  /** Not this app's URL, not a read, or a path that tries to leave the root. */
  | { kind: "forbidden" };

function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * The file under `rootDir` that `url` names. `app://warden/` is index.html. Refuses other hosts,
 * `..` segments in any encoding, NUL bytes, backslashes, and anything whose realpath (symlinks)
 * lands outside the root.
 */
export async function lookupAppFile(url: string, rootDir: string): Promise<AppFileLookup> {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: "forbidden" };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST || parsed.username !== "" || parsed.password !== "") {
    return { kind: "forbidden" };
  }
  let decoded: string;
  try {
    // A standard scheme's URL always has a path in Chromium; Node's URL leaves "app://warden" empty.
    decoded = decodeURIComponent(parsed.pathname === "" ? "/" : parsed.pathname);
  } catch {
    return { kind: "forbidden" };
  }
  if (!decoded.startsWith("/") || decoded.includes("\0") || decoded.includes("\\")) return { kind: "forbidden" };
  if (decoded.split("/").some((segment) => segment === "..")) return { kind: "forbidden" };

  const relative = decoded === "/" ? "index.html" : decoded.slice(1);
  const root = resolve(rootDir);
  const candidate = resolve(root, relative);
  if (!inside(root, candidate)) return { kind: "forbidden" };
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(candidate)]);
    if (!inside(realRoot, realFile)) return { kind: "forbidden" };
    if (!(await stat(realFile)).isFile()) return { kind: "not-found" };
    return { kind: "file", path: realFile };
  } catch {
    return { kind: "not-found" };
  }
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
  let body: Buffer;
  try {
    body = await readFile(found.path);
  } catch {
    return textResponse(404, "Not found\n");
  }
  return new Response(request.method === "HEAD" ? null : new Uint8Array(body), {
    status: 200,
    headers: { ...securityHeaders(), "Content-Type": contentTypeOf(found.path), "Content-Length": String(body.length) },
  });
}
