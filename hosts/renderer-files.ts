// The built renderer's files, and nothing outside its folder: what both hosts (the Electron app
// protocol and browser mode's HTTP server) serve to the UI.
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
  ".ico": "image/x-icon",
  ".woff": "font/woff",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
};

export type RendererFile =
  | { kind: "file"; body: Buffer; contentType: string }
  | { kind: "not-found" }
  /** The path tried to leave the folder, or was malformed. */
  | { kind: "forbidden" };

function inside(root: string, path: string): boolean {
  return path === root || path.startsWith(root.endsWith(sep) ? root : root + sep);
}

/**
 * The file `pathname` (a URL path, still percent-encoded) names under `root`; `/` is index.html.
 * Refuses `..` segments in any encoding, NUL bytes and backslashes outright, then checks that the
 * resolved path, and its realpath (so a symlink can't point out), stay under `root`.
 */
export async function readRendererFile(root: string, pathname: string): Promise<RendererFile> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return { kind: "forbidden" };
  }
  if (!decoded.startsWith("/") || decoded.includes("\0") || decoded.includes("\\")) return { kind: "forbidden" };
  if (decoded.split("/").some((segment) => segment === "..")) return { kind: "forbidden" };

  const rootPath = resolve(root);
  const candidate = resolve(rootPath, decoded === "/" ? "index.html" : decoded.slice(1));
  if (!inside(rootPath, candidate)) return { kind: "forbidden" };
  try {
    const [realRoot, realFile] = await Promise.all([realpath(rootPath), realpath(candidate)]);
    if (!inside(realRoot, realFile)) return { kind: "forbidden" };
    if (!(await stat(realFile)).isFile()) return { kind: "not-found" };
    const contentType = CONTENT_TYPES[extname(realFile).toLowerCase()] ?? "application/octet-stream";
    return { kind: "file", body: await readFile(realFile), contentType };
  } catch {
    return { kind: "not-found" };
  }
}
