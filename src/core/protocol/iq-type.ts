import type { XmlElement } from "./xml.js";
import { attr, isElement } from "./xml-walk.js";

/** "result" | "error" for a reply, "other" for anything else (including a non-element). */
export function replyType(iq: XmlElement): "result" | "error" | "other" {
  if (!isElement(iq) || iq.name !== "iq") return "other";
  const type = attr(iq, "type");
  return type === "result" || type === "error" ? type : "other";
}

export function describeUnexpected(iq: XmlElement): string {
  if (!isElement(iq)) return "the reply is not an XML element";
  if (iq.name !== "iq") return `expected an <iq> reply, got <${iq.name.slice(0, 64)}>`;
  const type = attr(iq, "type");
  return type === undefined ? "the <iq> reply has no type" : `unexpected <iq type="${type.slice(0, 64)}"> reply`;
}
