// The real build (esbuild) of main and preload, checked for what the packaged app relies on.
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildElectron, PRELOAD_ALLOWED_INPUTS, type ElectronBuild } from "../../electron/build.js";

const ROOT = resolve(import.meta.dirname, "../..");
let outDir: string;
let built: ElectronBuild;

type PackageJson = { name?: string; main?: string; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8")) as PackageJson;

/** Names of every package electron-builder ships: the root's dependencies and theirs, transitively. */
function productionClosure(): Set<string> {
  const seen = new Set<string>();
  const root = readJson(join(ROOT, "package.json"));
  const queue = Object.keys({ ...root.dependencies, ...root.optionalDependencies });
  while (queue.length > 0) {
    const name = queue.shift()!;
    if (seen.has(name)) continue;
    seen.add(name);
    const manifest = join(ROOT, "node_modules", name, "package.json");
    if (!existsSync(manifest)) continue;
    const pkg = readJson(manifest);
    queue.push(...Object.keys({ ...pkg.dependencies, ...pkg.optionalDependencies }));
  }
  return seen;
}

function packageNameOf(specifier: string): string {
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? `${parts[0]}/${parts[1]}` : (parts[0] ?? specifier);
}

function externalImports(file: string): string[] {
  const text = readFileSync(file, "utf8");
  const found = new Set<string>();
  for (const match of text.matchAll(/^import\s[^;]*?from\s+"([^"]+)";?$|^import\s+"([^"]+)";?$/gms)) found.add((match[1] ?? match[2])!);
  for (const match of text.matchAll(/\bimport\(\s*"([^"]+)"\s*\)/g)) found.add(match[1]!);
  return [...found].sort();
}

beforeAll(async () => {
  outDir = mkdtempSync(join(tmpdir(), "warden-electron-build-"));
  built = await buildElectron(outDir);
}, 60_000);
afterAll(() => rmSync(outDir, { recursive: true, force: true }));

describe("the preload bundle", () => {
  it("is CommonJS that requires nothing but electron", () => {
    const text = readFileSync(built.preloadFile, "utf8");
    expect(built.preloadFile.endsWith(".cjs")).toBe(true);
    expect(text).not.toMatch(/^\s*(import|export)\s/m);
    expect([...text.matchAll(/\brequire\(\s*"([^"]+)"\s*\)/g)].map((m) => m[1])).toEqual(["electron"]);
    expect(built.preloadImports).toEqual(["electron"]);
  });

  it("contains only the preload, its pure API module, the channel names and the shared name lists (no zod, no core)", () => {
    for (const input of built.preloadInputs) expect(PRELOAD_ALLOWED_INPUTS.has(input)).toBe(true);
    expect(built.preloadInputs).toContain("src/shared/api-names.ts");
    const text = readFileSync(built.preloadFile, "utf8");
    expect(text).not.toMatch(/zod|src\/core/);
  });

  it("exposes exactly one global, window.clientManager", () => {
    const text = readFileSync(built.preloadFile, "utf8");
    const calls = [...text.matchAll(/exposeInMainWorld\)?\(\s*"([^"]+)"/g)].map((m) => m[1]);
    expect(calls).toEqual(["clientManager"]);
  });
});

describe("the main bundle", () => {
  it("is what package.json's main points at", () => {
    const pkg = readJson(join(ROOT, "package.json"));
    expect(pkg.main).toBe("dist/electron/main.js");
    expect(built.mainFile).toBe(join(outDir, "main.js"));
  });

  it("loads every npm package it imports from the production dependencies (electron-builder drops devDependencies)", () => {
    const closure = productionClosure();
    const imports = externalImports(built.mainFile).filter((spec) => !spec.startsWith("node:"));
    expect(imports).toContain("electron-store");
    expect(imports).toContain("@napi-rs/keyring");
    for (const spec of imports) {
      if (spec === "electron") continue; // the runtime itself
      const name = packageNameOf(spec);
      expect(closure.has(name), `${name} must be a (transitive) production dependency`).toBe(true);
      expect(existsSync(join(ROOT, "node_modules", spec.endsWith(".js") ? spec : name)), `${spec} must exist in node_modules`).toBe(true);
    }
  });

  it("bundles no test or renderer code", () => {
    const text = readFileSync(built.mainFile, "utf8");
    expect(text).not.toMatch(/\/\/ (renderer|test|web)\//);
    expect(text).toContain("// electron/main.ts");
    expect(text).toContain("// src/core/client-manager.ts");
  });
});
