// The packaged app holds what it loads: package.json's "main", the main process's preload and icon,
// the renderer the app:// protocol serves, the keychain's native module, as electron/build.ts,
// electron/build-layout.ts and renderer/vite.config.ts define them, against electron-builder.yml.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { APP_ENTRY_URL } from "../../../electron/app-protocol.js";
import { DEFAULT_OUT_DIR, ELECTRON_BUILD_OUTPUTS } from "../../../electron/build.js";
import { ELECTRON_OUT_DIR, ICON_SOURCE, MAIN_BUNDLE, PRELOAD_BUNDLE, RENDERER_DIR } from "../../../electron/build-layout.js";
import viteConfig from "../../../renderer/vite.config.js";
import { readBuilderConfig, ROOT } from "./builder-config.js";
import { packagingProblems, type BuilderConfig, type NeededFiles, type PackageJson } from "./packaging-check.js";

const config = readBuilderConfig() as BuilderConfig;
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as PackageJson;

/** The keychain's native module: one package per platform, each with `<binaryName>.<platform>.node`. */
function keyringNativeFiles(): string[] {
  const keyringPackage = createRequire(import.meta.url).resolve("@napi-rs/keyring/package.json");
  const { optionalDependencies, napi } = JSON.parse(readFileSync(keyringPackage, "utf8")) as {
    optionalDependencies: Record<string, string>;
    napi: { binaryName: string };
  };
  return Object.keys(optionalDependencies).map((name) => `node_modules/${name}/${napi.binaryName}.${name.slice("@napi-rs/keyring-".length)}.node`);
}

const mainFile = `${ELECTRON_OUT_DIR}/${MAIN_BUNDLE}`;
const preloadFile = `${ELECTRON_OUT_DIR}/${PRELOAD_BUNDLE}`;
const rendererEntry = `${RENDERER_DIR}${new URL(APP_ENTRY_URL).pathname}`;
const needed: NeededFiles = {
  main: mainFile,
  packaged: ["package.json", ...ELECTRON_BUILD_OUTPUTS.map((name) => `${ELECTRON_OUT_DIR}/${name}`), rendererEntry],
  unpacked: keyringNativeFiles(),
  icon: ICON_SOURCE,
};

describe("what the build writes and the app loads", () => {
  it("is where package.json's main and the e2e-electron suite look", () => {
    // test/e2e-electron builds with buildElectron()'s default folder and launches the project
    // folder, so Electron starts package.json's "main" there, as the packaged app does.
    expect(pkg.main).toBe(`${relative(ROOT, DEFAULT_OUT_DIR).split("\\").join("/")}/${MAIN_BUNDLE}`);
    expect(needed.packaged).toEqual(expect.arrayContaining([mainFile, preloadFile, "dist/electron/icon.png", "dist/renderer/index.html"]));
  });

  it("puts the renderer where the app:// protocol serves it from", () => {
    const outDir = viteConfig.build?.outDir;
    expect(outDir).toBeDefined();
    expect(relative(ROOT, resolve(viteConfig.root ?? ROOT, outDir ?? "")).split("\\").join("/")).toBe(RENDERER_DIR);
  });

  it("has the icon and the keychain's native module it names", () => {
    expect(existsSync(join(ROOT, ICON_SOURCE))).toBe(true);
    expect(needed.unpacked).toContain("node_modules/@napi-rs/keyring-linux-x64-gnu/keyring.linux-x64-gnu.node");
  });
});

describe("packagingProblems", () => {
  it("finds none in the real electron-builder.yml and package.json", () => {
    expect(packagingProblems(config, pkg, needed)).toEqual([]);
  });

  it("names the main process and preload when files leaves dist/electron out", () => {
    const files = (config.files as string[]).filter((pattern) => pattern !== "dist/electron/**");
    const problems = packagingProblems({ ...config, files }, pkg, needed);
    expect(problems).toEqual(
      expect.arrayContaining([expect.stringContaining(`${mainFile} is needed at runtime`), expect.stringContaining(`${preloadFile} is needed at runtime`)]),
    );
  });

  it("names the renderer entry when an exclusion removes the HTML", () => {
    const problems = packagingProblems({ ...config, files: [...(config.files as string[]), "!**/*.html"] }, pkg, needed);
    expect(problems).toEqual([expect.stringContaining(`${rendererEntry} is needed at runtime`)]);
  });

  it("says so when package.json's main points elsewhere", () => {
    const problems = packagingProblems(config, { ...pkg, main: "dist/main.js" }, needed);
    expect(problems).toEqual([`package.json "main" is "dist/main.js", but the main process the build writes is ${mainFile}`]);
  });

  it("names the native module when asarUnpack leaves it in the asar", () => {
    const problems = packagingProblems({ ...config, asarUnpack: [] }, pkg, needed);
    expect(problems).toContainEqual(expect.stringContaining("keyring.linux-x64-gnu.node is a native module"));
  });

  it("says so when updates have no GitHub repository to come from", () => {
    expect(packagingProblems(config, { ...pkg, repository: undefined }, needed)).toEqual([
      `publish names GitHub without owner and repo, and package.json has no "repository" to take them from`,
    ]);
  });

  it("says so when the macOS zip that electron-updater needs is not built", () => {
    expect(packagingProblems({ ...config, mac: { ...config.mac, target: ["dmg"] } }, pkg, needed)).toEqual([
      "mac targets must include zip: electron-updater updates a macOS app from the zip, not the dmg",
    ]);
  });
});
