// Files of the built renderer, and nothing outside its directory.
import { readFile, realpath, stat } from "node:fs/promises";
import { extname, resolve, sep } from "node:path";

const CONTENT_TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".map": "application/json; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
  ".otf": "font/otf",
  ".wasm": "application/wasm",
};

export function contentType(path: string): string {
  return CONTENT_TYPES[extname(path).toLowerCase()] ?? "application/octet-stream";
}

export type StaticLookup =
  | { kind: "file"; body: Buffer; contentType: string }
  | { kind: "not-found" }
  /** The path tried to leave the directory, or was malformed. */
  | { kind: "forbidden" };

function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * The file `pathname` (the raw, still percent-encoded URL path) names under `root`; `/` is
 * index.html. Refuses `..` segments in any encoding, NUL bytes and backslashes outright, then also
 * checks the resolved path (and its realpath, so a symlink can't point out) stays under `root`.
 */
export async function lookupStatic(root: string, pathname: string): Promise<StaticLookup> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: "forbidden" };
  }
  if (!decoded.startsWith("/") || decoded.includes("\0") || decoded.includes("\\")) return { kind: "forbidden" };
  if (decoded.split("/").some((segment) => segment === "..")) return { kind: "forbidden" };

  const relative = decoded === "/" ? "index.html" : decoded.slice(1);
  const rootPath = resolve(root);
  const candidate = resolve(rootPath, relative);
  if (!inside(rootPath, candidate)) return { kind: "forbidden" };

  try {
    const [realRoot, realFile] = await Promise.all([realpath(rootPath), realpath(candidate)]);
    if (!inside(realRoot, realFile)) return { kind: "forbidden" };
    if (!(await stat(realFile)).isFile()) return { kind: "not-found" };
    return { kind: "file", body: await readFile(realFile), contentType: contentType(realFile) };
  } catch {
    return { kind: "not-found" };
  }
}
