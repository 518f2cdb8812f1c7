/**
 * The core's one XML element type, and the factory it builds elements with.
 *
 * What the server sends is hostile: the core reads it as `XmlElement`, a read-only structural
 * view, and only through the checked accessors of xml-walk.ts, so any shape is tolerated at run
 * time (the ltx `Element` a stanza arrives as satisfies it). What Warden builds and sends is the
 * ltx `Element` that `xml()` returns.
 */
import xmlFactory from "@xmpp/xml";

/** An element as received. Everything is checked at run time: any shape is tolerated. */
export interface XmlElement {
  readonly name: string;
  readonly attrs: { readonly [name: string]: unknown };
  readonly children: ReadonlyArray<XmlElement | string>;
  /** The enclosing element, where namespace prefixes may be declared (a stanza's is the stream header). */
  readonly parent?: XmlElement | null;
}

/** `xml` from "@xmpp/xml" (ltx `createElement`). */
export const xml = xmlFactory;
