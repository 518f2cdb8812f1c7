// electron-builder.yml against electron-builder's own schema, with the parser and validator
// electron-builder uses: what `npm run dist` and the release workflow would refuse, refused here first.
import { describe, expect, it } from "vitest";
import { builderConfigErrors, parseBuilderConfig, readBuilderConfig, unknownTargets, type SchemaError } from "./builder-config.js";

const config = readBuilderConfig() as Record<string, unknown>;

function brokenCopy(change: (copy: Record<string, unknown>) => void): Record<string, unknown> {
  const copy = structuredClone(config);
  change(copy);
  return copy;
}

function where(errors: SchemaError[]): string[] {
  return errors.map((error) => error.instancePath);
}

describe("electron-builder.yml", () => {
  it("is valid by electron-builder's schema, with only target names it knows", () => {
    expect(builderConfigErrors(config)).toEqual([]);
    expect(unknownTargets(config)).toEqual([]);
  });

  it("publishes to a draft GitHub release, the source electron-updater reads updates from", () => {
    expect(config.publish).toEqual({ provider: "github", releaseType: "draft" });
  });

  it("fails with an unknown top-level key", () => {
    const errors = builderConfigErrors(brokenCopy((copy) => (copy.outputDir = "dist/installers")));
    expect(errors).toContainEqual(expect.objectContaining({ instancePath: "", keyword: "additionalProperties", params: { additionalProperty: "outputDir" } }));
  });

  it("fails with a wrong type for asar", () => {
    expect(where(builderConfigErrors(brokenCopy((copy) => (copy.asar = "yes"))))).toContain("/asar");
  });

  it("fails with a macOS target name electron-builder does not know", () => {
    const errors = builderConfigErrors(brokenCopy((copy) => (copy.mac = { ...(copy.mac as object), target: ["dmg", "zipp"] })));
    expect(where(errors).some((path) => path.startsWith("/mac/target"))).toBe(true);
  });

  it("fails with a Linux or Windows target name electron-builder does not know", () => {
    // The schema takes any string there: the names are checked against the ones it documents.
    const broken = brokenCopy((copy) => {
      copy.linux = { ...(copy.linux as object), target: ["AppImg", "deb"] };
      copy.win = { ...(copy.win as object), target: [{ target: "nsys" }] };
    });
    expect(builderConfigErrors(broken)).toEqual([]);
    expect(unknownTargets(broken)).toEqual(['linux target "AppImg" is not one electron-builder knows', 'win target "nsys" is not one electron-builder knows']);
  });

  it("fails when a YAML slip gives a section a plain value", () => {
    const errors = builderConfigErrors(parseBuilderConfig("appId: app.warden.desktop\nelectronFuses: runAsNode\n"));
    expect(where(errors)).toContain("/electronFuses");
  });
});
