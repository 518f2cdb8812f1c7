/**
 * The XML element shape the codec reads, and the element factory it builds requests with.
 *
 * The codec reads elements through a structural interface (an ltx `Element` satisfies it) so
 * that it tolerates any shape at run time.
 */
import type { Element } from "ltx";
import xmlFactory from "@xmpp/xml";

/** What the parsers read. Everything is checked at run time: any shape is tolerated. */
export interface XmlElement {
  readonly name: string;
  readonly attrs: { readonly [name: string]: unknown };
  readonly children: ReadonlyArray<XmlElement | string>;
}

/** An ltx `Element` as built by `xml()`, ready to send. */
export type BuiltElement = Element;

/** `xml` from "@xmpp/xml" (ltx `createElement`). */
export const xml = xmlFactory;
