// electron-builder.yml as electron-builder itself reads it: parsed with the js-yaml, validated with the
// ajv and matched with the minimatch that app-builder-lib loads (resolved from its own folder, so the
// versions are its own and nothing is added to our dependencies), against its own scheme.json.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../../..");
export const BUILDER_CONFIG_FILE = join(ROOT, "electron-builder.yml");

const builderLibDir = dirname(
  createRequire(createRequire(import.meta.url).resolve("electron-builder/package.json")).resolve("app-builder-lib/package.json"),
);
const fromBuilderLib = createRequire(join(builderLibDir, "package.json"));

/** The parts of those packages used here (they are app-builder-lib's dependencies, not ours, so untyped here). */
export type SchemaError = { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> };
type ValidateFunction = ((data: unknown) => boolean) & { errors?: SchemaError[] | null };
type AjvModule = { default: new (options: Record<string, unknown>) => { compile(schema: object): ValidateFunction } };
type JsYamlModule = { load(text: string): unknown; dump(value: unknown): string };
export type GlobPattern = { negate: boolean; set: unknown[][]; match(path: string, partial?: boolean): boolean };
type MinimatchModule = { Minimatch: new (pattern: string, options: { dot: boolean }) => GlobPattern };

/** YAML as electron-builder reads it; the workflow tests read (and rewrite) GitHub's YAML with it too. */
export const yaml = fromBuilderLib("js-yaml") as JsYamlModule;
const { load } = yaml;
const { default: Ajv } = fromBuilderLib("ajv") as AjvModule;
const { Minimatch } = fromBuilderLib("minimatch") as MinimatchModule;

/** A glob as electron-builder compiles the patterns of `files` and `asarUnpack` (dot files included). */
export function builderGlob(pattern: string): GlobPattern {
  return new Minimatch(pattern, { dot: true });
}

/** electron-builder's schema (draft-07, no `format` keywords, so ajv needs no ajv-formats). */
const schema = JSON.parse(readFileSync(join(builderLibDir, "scheme.json"), "utf8")) as object;
// The options electron-builder's own validator (app-builder-lib/out/util/config/schemaValidator.js) uses.
const validate = new Ajv({ allErrors: true, verbose: true, coerceTypes: true, strict: false }).compile(schema);

/** The schema's complaints about `config` ([] when electron-builder would accept it). */
export function builderConfigErrors(config: unknown): SchemaError[] {
  // coerceTypes may rewrite what it validates: check a copy.
  return validate(structuredClone(config)) ? [] : [...(validate.errors ?? [])];
}

/** An option electron-builder takes as one value or a list, as a list. */
export function listOf(value: unknown): unknown[] {
  return value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
}

/** The target names in a platform's `target` (a name, a { target } object, or a list of them). */
export function targetNames(target: unknown): string[] {
  return listOf(target).flatMap((entry) =>
    typeof entry === "string" ? [entry] : typeof entry === "object" && entry !== null && "target" in entry && typeof entry.target === "string" ? [entry.target] : [],
  );
}

const PLATFORMS = { linux: "LinuxConfiguration", mac: "MacConfiguration", win: "WindowsConfiguration" } as const;

/** The target names the schema documents for a platform ("…: list of `AppImage`, `deb`, …" in its first line). */
function documentedTargets(definition: string): Set<string> {
  const definitions = (schema as { definitions: Record<string, { properties: { target: { description: string } } }> }).definitions;
  const firstLine = definitions[definition]?.properties.target.description.split("\n")[0] ?? "";
  return new Set([...firstLine.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? ""));
}

/**
 * Target names electron-builder does not document. Its schema lists the macOS names but lets Linux
 * and Windows names be any string, refused only when building ("Unknown target"), on that system.
 */
export function unknownTargets(config: unknown): string[] {
  const sections = typeof config === "object" && config !== null ? (config as Record<string, unknown>) : {};
  return Object.entries(PLATFORMS).flatMap(([platform, definition]) => {
    const section = sections[platform];
    const known = documentedTargets(definition);
    const names = typeof section === "object" && section !== null ? targetNames((section as { target?: unknown }).target) : [];
    return names.filter((name) => !known.has(name)).map((name) => `${platform} target "${name}" is not one electron-builder knows`);
  });
}

export function parseBuilderConfig(yamlText: string): unknown {
  return load(yamlText);
}

export function readBuilderConfig(): unknown {
  return parseBuilderConfig(readFileSync(BUILDER_CONFIG_FILE, "utf8"));
}
