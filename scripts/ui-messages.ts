// The UI's English messages, read from the renderer's source: every object or JSX element with a
// literal `id` and `defaultMessage` (react-intl's defineMessages, formatMessage, <FormattedMessage>).
// The translations (renderer/src/i18n/messages/*.json) are checked against them, and the pseudo-locale
// is made from them, so English is written once, next to the code that shows it.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import ts from "typescript";
import type { Plugin } from "vite";

/** The module the renderer imports to get the English messages (the pseudo-locale is built from them). */
export const ENGLISH_MESSAGES_MODULE = "virtual:warden-english-messages";

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.(test|d)\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name));
}

/** A string literal's text, or the one inside a JSX expression `{"…"}`; undefined for anything computed. */
function literalText(node: ts.Node | undefined): string | undefined {
  if (node && ts.isJsxExpression(node)) return literalText(node.expression);
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) ? node.text : undefined;
}

type Found = { id: string; defaultMessage: string; where: string };

/** `id` and `defaultMessage` of an object literal or a JSX element, when it has both. */
function descriptorOf(node: ts.Node): { id: ts.Node | undefined; defaultMessage: ts.Node | undefined } | undefined {
  const properties = new Map<string, ts.Node | undefined>();
  if (ts.isObjectLiteralExpression(node)) {
    for (const property of node.properties) {
      if (ts.isPropertyAssignment(property) && ts.isIdentifier(property.name)) properties.set(property.name.text, property.initializer);
    }
  } else if (ts.isJsxAttributes(node)) {
    for (const attribute of node.properties) {
      if (ts.isJsxAttribute(attribute) && ts.isIdentifier(attribute.name)) properties.set(attribute.name.text, attribute.initializer);
    }
  } else {
    return undefined;
  }
  if (!properties.has("id") || !properties.has("defaultMessage")) return undefined;
  return { id: properties.get("id"), defaultMessage: properties.get("defaultMessage") };
}

function messagesIn(file: string, root: string): Found[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true, file.endsWith("x") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: Found[] = [];
  const visit = (node: ts.Node) => {
    const descriptor = descriptorOf(node);
    if (descriptor) {
      const where = `${relative(root, file)}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
      const id = literalText(descriptor.id);
      const defaultMessage = literalText(descriptor.defaultMessage);
      // A computed id or English text could not be translated: say where, rather than miss it.
      if (id === undefined || defaultMessage === undefined) throw new Error(`${where}: a message's id and defaultMessage must be string literals`);
      found.push({ id, defaultMessage, where });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every English message under `sourceDir` by id, sorted; an id used twice with different English is an error. */
export function extractMessages(sourceDir: string): Record<string, string> {
  const byId = new Map<string, Found>();
  for (const file of sourceFiles(sourceDir)) {
    for (const message of messagesIn(file, sourceDir)) {
      const earlier = byId.get(message.id);
      if (earlier && earlier.defaultMessage !== message.defaultMessage) {
        throw new Error(`message id "${message.id}" has two English texts: ${earlier.where} and ${message.where}`);
      }
      byId.set(message.id, message);
    }
  }
  return Object.fromEntries([...byId.keys()].sort().map((id) => [id, byId.get(id)!.defaultMessage]));
}

/** Serves ENGLISH_MESSAGES_MODULE, extracted from `sourceDir` at build and test time (and again when a source file changes). */
export function englishMessages(sourceDir: string): Plugin {
  const resolved = `\0${ENGLISH_MESSAGES_MODULE}`;
  return {
    name: "warden-english-messages",
    resolveId: (id) => (id === ENGLISH_MESSAGES_MODULE ? resolved : undefined),
    load(id) {
      if (id !== resolved) return undefined;
      for (const file of sourceFiles(sourceDir)) this.addWatchFile(file);
      return `export default ${JSON.stringify(extractMessages(sourceDir))};`;
    },
  };
}
