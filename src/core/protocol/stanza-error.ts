/**
 * RFC 6120 §8.3 stanza errors, read from an `<iq type="error">` (or any element) without throwing.
 */
import type { StanzaErrorInfo } from "../../shared/errors.js";
import { NS_STANZAS } from "./namespaces.js";
import type { XmlElement } from "./xml.js";
import { MAX_FIELD_LENGTH, cap, childrenOf, isElement, nsOf, textAttr, textOf } from "./xml-walk.js";

export type AppCondition = { name: string; ns: string };
export type ParsedStanzaError = StanzaErrorInfo & { appCondition?: AppCondition };

export const UNDEFINED_CONDITION = "undefined-condition";

/** Conditions and error namespaces are short; cap them far below the text cap. */
const MAX_NAME_LENGTH = 256;

/** The first `<error>` child of `iq`, if any. */
export function findErrorElement(iq: XmlElement): XmlElement | undefined {
  const children = childrenOf(iq);
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (isElement(c) && c.name === "error") return c;
  }
  return undefined;
}

/**
 * Defined condition: the first child in the stanza-error namespace other than `<text>`
 * ("undefined-condition" when there is none, or no `<error>` at all). Text: the first `<text>`
 * in that namespace. Application condition: the first child element in any other namespace.
 */
export function parseStanzaError(iq: XmlElement): ParsedStanzaError {
  const error = isElement(iq) ? findErrorElement(iq) : undefined;
  if (error === undefined) return { condition: UNDEFINED_CONDITION };
  const errorNs = nsOf(error, nsOf(iq, undefined));

  let condition: string | undefined;
  let text: string | undefined;
  let appCondition: AppCondition | undefined;
  const children = childrenOf(error);
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (!isElement(c)) continue;
    const ns = nsOf(c, errorNs);
    if (ns === NS_STANZAS) {
      if (c.name === "text") {
        if (text === undefined) text = textOf(c, MAX_FIELD_LENGTH);
      } else if (condition === undefined && c.name.length > 0) {
        condition = cap(c.name, MAX_NAME_LENGTH);
      }
    } else if (appCondition === undefined && ns !== undefined && ns !== "" && ns !== errorNs) {
      appCondition = { name: cap(c.name, MAX_NAME_LENGTH), ns: cap(ns, MAX_NAME_LENGTH) };
    }
  }

  const result: ParsedStanzaError = { condition: condition ?? UNDEFINED_CONDITION };
  if (text !== undefined) result.text = text;
  const type = textAttr(error, "type", MAX_NAME_LENGTH);
  if (type !== undefined) result.type = type;
  if (appCondition !== undefined) result.appCondition = appCondition;
  return result;
}

/** True when the `<error>` has a child named `name` in one of `namespaces` (not only the first app condition). */
export function hasErrorChild(iq: XmlElement, name: string, namespaces: readonly string[]): boolean {
  const error = isElement(iq) ? findErrorElement(iq) : undefined;
  if (error === undefined) return false;
  const errorNs = nsOf(error, nsOf(iq, undefined));
  const children = childrenOf(error);
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (!isElement(c) || c.name !== name) continue;
    const ns = nsOf(c, errorNs);
    if (ns !== undefined && namespaces.includes(ns)) return true;
  }
  return false;
}
