// The packaged app's Electron fuses, read back from the binary with @electron/fuses. The app is
// packed here as the release packs it — electron-builder's own command with electron-builder.yml —
// but to its unpacked `--dir` form (no installer) in a temporary folder, from the Electron runtime
// npm installed (electronDist: nothing downloaded) and unsigned. Runs on Linux, macOS and Windows.
// Skipped, with one line from global-setup.ts, where the Electron binary is not installed.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { FuseV1Options, getCurrentFuseWire } from "@electron/fuses";
import { FuseState } from "@electron/fuses/dist/constants.js";
import { afterAll, describe, expect, it } from "vitest";
import { findElectronBinary } from "./electron-binary.js";
import { ROOT } from "./launch-warden.js";

const electron = findElectronBinary();
const PACKING_TIMEOUT_MS = 10 * 60_000;

type Packed = { executable: string; fuses: Record<string, boolean | undefined> };

/** electron-builder.yml's `electronFuses` keys are the camel-case names of Electron's fuses. */
function fuseOption(key: string): FuseV1Options {
  const option = FuseV1Options[`${key.charAt(0).toUpperCase()}${key.slice(1)}` as keyof typeof FuseV1Options];
  if (option === undefined) throw new Error(`electronFuses.${key} names no fuse @electron/fuses knows`);
  return option;
}

async function packUnpacked(outDir: string, electronDist: string): Promise<Packed> {
  const record = join(outDir, "packed.json");
  // VITEST makes electron-builder hard-link node_modules' files into the app; packing must not
  // depend on being run from a test. No signing identity is looked for: this build is not shipped.
  const { VITEST: _underTest, ...env } = process.env;
  const builder = spawn(
    process.execPath,
    [
      join(ROOT, "node_modules", "electron-builder", "cli.js"),
      "--dir",
      "--publish",
      "never",
      `-c.directories.output=${outDir}`,
      `-c.electronDist=${electronDist}`,
      "-c.afterPack=./test/e2e-electron/record-packaged-app.mjs",
    ],
    { cwd: ROOT, env: { ...env, CSC_IDENTITY_AUTO_DISCOVERY: "false", WARDEN_PACKAGED_APP_RECORD: record }, stdio: ["ignore", "pipe", "pipe"] },
  );
  let output = "";
  builder.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  builder.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(builder, "exit")) as [number | null];
  if (code !== 0) throw new Error(`electron-builder --dir failed (exit ${String(code)}):\n${output.slice(-4_000)}`);
  return JSON.parse(readFileSync(record, "utf8")) as Packed;
}

describe.skipIf(!electron.found)("Warden packaged by electron-builder", () => {
  let outDir: string | undefined;

  afterAll(() => {
    if (outDir !== undefined) rmSync(outDir, { recursive: true, force: true });
  });

  it(
    "has the fuses electron-builder.yml sets flipped in its Electron binary",
    async () => {
      if (!electron.found) return;
      outDir = mkdtempSync(join(tmpdir(), "warden-packaged-"));
      const packed = await packUnpacked(outDir, electron.distDir);
      const wire = await getCurrentFuseWire(packed.executable);

      const configured = Object.entries(packed.fuses).filter((entry): entry is [string, boolean] => typeof entry[1] === "boolean");
      expect(configured.length).toBeGreaterThan(0);
      for (const [key, enabled] of configured) {
        expect({ fuse: key, state: wire[fuseOption(key)] }).toEqual({ fuse: key, state: enabled ? FuseState.ENABLE : FuseState.DISABLE });
      }
      // The ones the Electron security checklist asks for, whatever the config says: no running as
      // plain Node, no NODE_OPTIONS, no --inspect, app code only from the integrity-checked asar.
      expect({
        runAsNode: wire[FuseV1Options.RunAsNode],
        nodeOptions: wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable],
        inspect: wire[FuseV1Options.EnableNodeCliInspectArguments],
        asarIntegrity: wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation],
        onlyAsar: wire[FuseV1Options.OnlyLoadAppFromAsar],
      }).toEqual({
        runAsNode: FuseState.DISABLE,
        nodeOptions: FuseState.DISABLE,
        inspect: FuseState.DISABLE,
        asarIntegrity: FuseState.ENABLE,
        onlyAsar: FuseState.ENABLE,
      });
    },
    PACKING_TIMEOUT_MS,
  );
});
