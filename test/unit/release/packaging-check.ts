// Does the packaged app hold what it loads at runtime? A pure check of electron-builder's config and
// package.json against the files the app needs, answering in words. It matches `files` and
// `asarUnpack` the way electron-builder does (app-builder-lib/out/fileMatcher.js and util/filter.js):
// patterns in order, a later `!pattern` excluding only what an earlier one included, package.json
// always added, a plain folder name meaning everything under it. It does not model the FileSet
// form ({ from, to, filter }) and says so when the config uses it.
import { posix } from "node:path";
import { builderGlob, listOf, targetNames, type GlobPattern } from "./builder-config.js";

/** The parts of electron-builder's config this check reads (the config is schema-checked before). */
export type BuilderConfig = {
  files?: unknown;
  asar?: unknown;
  asarUnpack?: unknown;
  directories?: { buildResources?: string | null } | null;
  linux?: { icon?: string | null } | null;
  mac?: { target?: unknown } | null;
  publish?: unknown;
};

export type PackageJson = { main?: unknown; repository?: unknown };

/** Paths relative to the app's root folder, with forward slashes. */
export type NeededFiles = {
  /** The main process bundle: what package.json's "main" must name. */
  main: string;
  /** Everything the app loads from inside its asar (main included). */
  packaged: readonly string[];
  /** Native modules, loaded by the OS from disk, so outside the asar (asarUnpack). */
  unpacked: readonly string[];
  /** The icon electron-builder makes the installers' icons from. */
  icon: string;
};

function normalized(pattern: string): string {
  return posix.normalize(pattern.replace(/\\/g, "/").replace(/^\.\//, ""));
}

type Patterns = { globs: GlobPattern[]; notUnderstood: string[] };

function compile(option: string, value: unknown): Patterns {
  const globs: GlobPattern[] = [];
  const notUnderstood: string[] = [];
  for (const entry of listOf(value)) {
    if (typeof entry !== "string") {
      notUnderstood.push(`${option} has an entry this check does not understand (${JSON.stringify(entry)}): use plain glob patterns`);
      continue;
    }
    const pattern = normalized(entry);
    const glob = builderGlob(pattern);
    globs.push(glob);
    // electron-builder's rule: a pattern without magic or a dot may be a folder, so it also means all under it.
    if (!pattern.includes(".") && !hasMagic(glob)) globs.push(builderGlob(`${pattern}/**/*`));
  }
  return { globs, notUnderstood };
}

/** minimatch's own answer (as app-builder-lib/out/util/filter.js asks it): more than one alternative, or a wildcard part. */
function hasMagic(glob: GlobPattern): boolean {
  return glob.set.length > 1 || (glob.set[0] ?? []).some((part) => typeof part !== "string");
}

function matchesAll(path: string, globs: readonly GlobPattern[]): boolean {
  let included = false;
  for (const glob of globs) {
    if (included !== glob.negate) continue;
    included = glob.match(path);
  }
  return included;
}

function updateProblems(config: BuilderConfig, pkg: PackageJson): string[] {
  const first = listOf(config.publish)[0];
  const publisher = typeof first === "string" ? { provider: first } : typeof first === "object" && first !== null ? (first as Record<string, unknown>) : undefined;
  if (publisher?.provider !== "github") {
    return ["publish must name GitHub first: electron-updater looks for updates where the first publish entry points, and releases are GitHub releases"];
  }
  const problems: string[] = [];
  if ((publisher.owner === undefined || publisher.repo === undefined) && (typeof pkg.repository !== "string" || pkg.repository === "")) {
    problems.push(`publish names GitHub without owner and repo, and package.json has no "repository" to take them from`);
  }
  if (!targetNames(config.mac?.target).includes("zip")) {
    problems.push("mac targets must include zip: electron-updater updates a macOS app from the zip, not the dmg");
  }
  return problems;
}

/** What is wrong with packaging the app by `config` and `pkg` ([] when nothing is). */
export function packagingProblems(config: BuilderConfig, pkg: PackageJson, needed: NeededFiles): string[] {
  const problems: string[] = [];
  if (typeof pkg.main !== "string" || normalized(pkg.main) !== needed.main) {
    problems.push(`package.json "main" is ${JSON.stringify(pkg.main)}, but the main process the build writes is ${needed.main}`);
  }

  const files = compile("files", config.files);
  problems.push(...files.notUnderstood);
  // electron-builder adds package.json whatever `files` says, and with only exclusions, starts from everything.
  const included = files.globs.some((glob) => !glob.negate) ? files.globs : [builderGlob("**/*"), ...files.globs];
  const withPackageJson = [...included, builderGlob("package.json")];
  for (const path of needed.packaged) {
    if (!matchesAll(path, withPackageJson)) problems.push(`${path} is needed at runtime, but electron-builder's "files" leaves it out of the app`);
  }

  if (config.asar !== false) {
    const unpack = compile("asarUnpack", config.asarUnpack);
    problems.push(...unpack.notUnderstood);
    for (const path of needed.unpacked) {
      if (!matchesAll(path, unpack.globs)) problems.push(`${path} is a native module, but "asarUnpack" leaves it inside the asar, where it cannot be loaded`);
    }
  }

  const buildResources = config.directories?.buildResources ?? "build";
  if (normalized(`${buildResources}/icon.png`) !== needed.icon) {
    problems.push(`the installers' icon comes from ${buildResources}/icon.png, but the app's icon is ${needed.icon}`);
  }
  const linuxIcon = config.linux?.icon;
  if (typeof linuxIcon === "string" && normalized(linuxIcon) !== needed.icon) {
    problems.push(`linux.icon is ${linuxIcon}, but the app's icon is ${needed.icon}`);
  }

  return [...problems, ...updateProblems(config, pkg)];
}
