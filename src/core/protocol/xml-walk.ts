/**
 * Allocation-light, throw-free accessors over `XmlElement`. The parsers walk `children`
 * arrays themselves; these helpers only guard against shapes ltx would never produce.
 */
import type { XmlElement } from "./xml.js";

/** Longest string kept from any text or attribute field (ids excepted, see client-list.ts). */
export const MAX_FIELD_LENGTH = 1024;

export function isElement(node: unknown): node is XmlElement {
  return typeof node === "object" && node !== null && typeof (node as { name?: unknown }).name === "string";
}

/** The element's children, or an empty array when `children` is not an array. */
export function childrenOf(el: XmlElement): ReadonlyArray<unknown> {
  const c: unknown = el.children;
  return Array.isArray(c) ? c : EMPTY;
}
const EMPTY: readonly unknown[] = Object.freeze([]);

/** A string attribute, or undefined when absent or not a string. */
export function attr(el: XmlElement, name: string): string | undefined {
  const attrs: unknown = el.attrs;
  if (typeof attrs !== "object" || attrs === null) return undefined;
  const v = (attrs as Record<string, unknown>)[name];
  return typeof v === "string" ? v : undefined;
}

/** The namespace in effect for `el`, given the one in effect for its parent. Prefixed names are not resolved. */
export function nsOf(el: XmlElement, parentNs: string | undefined): string | undefined {
  const ns = attr(el, "xmlns");
  return ns === undefined ? parentNs : ns;
}

/** How far up `parent` links a namespace declaration is looked for: far more than real nesting. */
const MAX_NAMESPACE_DEPTH = 64;

/**
 * Whether `el` is an element named `localName` in namespace `ns`. Its prefix, or the default
 * namespace, is resolved through its enclosing elements, as ltx's `is()` does: the `stream:` of
 * `<stream:features>` is declared on the stream header.
 */
export function isNamed(el: XmlElement, localName: string, ns: string): boolean {
  if (!isElement(el)) return false;
  const colon = el.name.indexOf(":");
  if ((colon === -1 ? el.name : el.name.slice(colon + 1)) !== localName) return false;
  return declaredNamespace(el, colon === -1 ? "xmlns" : `xmlns:${el.name.slice(0, colon)}`) === ns;
}

function declaredNamespace(el: XmlElement, attribute: string): string | undefined {
  let at: unknown = el;
  for (let depth = 0; depth < MAX_NAMESPACE_DEPTH && isElement(at); depth++) {
    const ns = attr(at, attribute);
    if (ns !== undefined) return ns;
    at = (at as { parent?: unknown }).parent;
  }
  return undefined;
}

/** Child elements named `localName` in namespace `ns` (see `isNamed`). */
export function childrenNamed(el: XmlElement, localName: string, ns: string): XmlElement[] {
  return childrenOf(el).filter((c): c is XmlElement => isElement(c) && isNamed(c, localName, ns));
}

/** The first child element named `localName` in namespace `ns` (see `isNamed`). */
export function childNamed(el: XmlElement, localName: string, ns: string): XmlElement | undefined {
  return childrenOf(el).find((c): c is XmlElement => isElement(c) && isNamed(c, localName, ns));
}

/** First child element with this (unprefixed) name whose namespace is `ns`. */
export function findChild(el: XmlElement, name: string, ns: string | undefined, parentNs: string | undefined): XmlElement | undefined {
  const own = nsOf(el, parentNs);
  const children = childrenOf(el);
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (isElement(c) && c.name === name && nsOf(c, own) === ns) return c;
  }
  return undefined;
}

/** Cut a string to `max` UTF-16 units without splitting a surrogate pair. */
export function cap(s: string, max: number = MAX_FIELD_LENGTH): string {
  if (s.length <= max) return s;
  let end = max;
  const code = s.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return s.slice(0, end);
}

/** Direct text content, trimmed and capped; undefined when empty. */
export function textOf(el: XmlElement, max: number = MAX_FIELD_LENGTH): string | undefined {
  const children = childrenOf(el);
  let text: string | undefined;
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (typeof c === "string") {
      text = text === undefined ? c : text + c;
      // Stop gathering once far past the cap: trimming can only shorten it by leading whitespace.
      if (text.length > max * 4 + 64) break;
    }
  }
  return text === undefined ? undefined : cleanText(text, max);
}

/** Trim and cap; undefined when empty. */
export function cleanText(s: string, max: number = MAX_FIELD_LENGTH): string | undefined {
  const t = s.trim();
  return t.length === 0 ? undefined : cap(t, max);
}

/** A trimmed, capped attribute value; undefined when absent or empty. */
export function textAttr(el: XmlElement, name: string, max: number = MAX_FIELD_LENGTH): string | undefined {
  const v = attr(el, name);
  return v === undefined ? undefined : cleanText(v, max);
}
