// Builds the Electron main process and preload into dist/electron:
//   dist/electron/main.js     ESM bundle of electron/main.ts + hosts + src/core + src/shared; every npm
//                             package stays external (electron, electron-store, @napi-rs/keyring's
//                             native module, @xmpp/client…) and is loaded from node_modules.
//   dist/electron/preload.cjs CommonJS bundle (a sandboxed preload can't load ESM) with only
//                             `electron` external; it must contain nothing but electron/preload*.ts,
//                             electron/channels.ts and src/shared/api-names.ts (checked below).
//   dist/electron/icon.png    the window icon (Linux), copied from build/icon.png.
//
//   tsx electron/build.ts [--out-dir DIR]
import { copyFile, mkdir } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Metafile } from "esbuild";
import { ELECTRON_OUT_DIR, ICON_SOURCE, MAIN_BUNDLE, PRELOAD_BUNDLE, WINDOW_ICON } from "./build-layout.js";

const ROOT = resolve(import.meta.dirname, "..");
export const DEFAULT_OUT_DIR = join(ROOT, ELECTRON_OUT_DIR);

/** What buildElectron writes into its output folder (file names from build-layout.ts). */
export const ELECTRON_BUILD_OUTPUTS: readonly string[] = [MAIN_BUNDLE, PRELOAD_BUNDLE, WINDOW_ICON];

/** The only sources the preload bundle may contain, relative to the project root. */
export const PRELOAD_ALLOWED_INPUTS: ReadonlySet<string> = new Set([
  "electron/preload.ts",
  "electron/preload-api.ts",
  "electron/channels.ts",
  "src/shared/api-names.ts",
]);

export type ElectronBuild = { mainFile: string; preloadFile: string; preloadInputs: string[]; preloadImports: string[] };

function inputsOf(metafile: Metafile): string[] {
  return Object.keys(metafile.inputs).map((input) => relative(ROOT, resolve(ROOT, input)).split("\\").join("/"));
}

function externalImportsOf(metafile: Metafile): string[] {
  const imports = new Set<string>();
  for (const output of Object.values(metafile.outputs)) for (const entry of output.imports) if (entry.external) imports.add(entry.path);
  return [...imports].sort();
}

export async function buildElectron(outDir: string = DEFAULT_OUT_DIR): Promise<ElectronBuild> {
  await mkdir(outDir, { recursive: true });
  const mainFile = join(outDir, MAIN_BUNDLE);
  const preloadFile = join(outDir, PRELOAD_BUNDLE);
  const common = { absWorkingDir: ROOT, bundle: true, platform: "node", target: "node22", sourcemap: true, logLevel: "warning", metafile: true } as const;
  const [, preload] = await Promise.all([
    build({ ...common, entryPoints: ["electron/main.ts"], outfile: mainFile, format: "esm", packages: "external" }),
    build({ ...common, entryPoints: ["electron/preload.ts"], outfile: preloadFile, format: "cjs", external: ["electron"] }),
  ]);
  const preloadInputs = inputsOf(preload.metafile);
  const stray = preloadInputs.filter((input) => !PRELOAD_ALLOWED_INPUTS.has(input));
  if (stray.length > 0) throw new Error(`the preload bundle must stay free of core/zod code, but it contains: ${stray.join(", ")}`);
  const preloadImports = externalImportsOf(preload.metafile);
  if (preloadImports.some((path) => path !== "electron")) throw new Error(`the preload may require only electron, not ${preloadImports.join(", ")}`);
  await copyFile(join(ROOT, ICON_SOURCE), join(outDir, WINDOW_ICON)).catch(() => undefined);
  return { mainFile, preloadFile, preloadInputs, preloadImports };
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf("--out-dir");
  const outDir = at === -1 ? DEFAULT_OUT_DIR : resolve(process.argv[at + 1] ?? DEFAULT_OUT_DIR);
  buildElectron(outDir).then(
    (result) => console.log(`built ${relative(ROOT, result.mainFile)} and ${relative(ROOT, result.preloadFile)}`),
    (error: unknown) => {
      console.error(`electron build failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
