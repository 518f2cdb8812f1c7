import { describe, expect, it } from "vitest";
import { childNamed, childrenNamed, isNamed } from "../../../src/core/protocol/xml-walk.js";
import type { XmlElement } from "../../../src/core/protocol/xml.js";
import { BoundedParser } from "../../../src/core/xmpp/bounded-parser.js";

const NS_STREAMS = "http://etherx.jabber.org/streams";
const HEADER = `<stream:stream xmlns="jabber:client" xmlns:stream="${NS_STREAMS}" version="1.0">`;

/** The top-level elements a server's stream delivers, as the connection's parser hands them over. */
function receive(xml: string): XmlElement[] {
  const parser = new BoundedParser();
  const elements: XmlElement[] = [];
  parser.on("element", (element) => elements.push(element));
  parser.write(HEADER + xml);
  return elements;
}

describe("element names in namespaces", () => {
  it("resolves the stream: prefix declared on the stream header, and the default namespace inherited from it", () => {
    const [features, iq] = receive(`<stream:features><mechanisms xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/></stream:features><iq type="result"/>`);
    expect(features && isNamed(features, "features", NS_STREAMS)).toBe(true);
    expect(features && childNamed(features, "mechanisms", "urn:ietf:params:xml:ns:xmpp-sasl")).toBeDefined();
    expect(iq && isNamed(iq, "iq", "jabber:client")).toBe(true);
  });

  it("does not take a look-alike for the real thing", () => {
    // A default namespace does not apply to a prefixed name, and `y:` is declared nowhere.
    const [other, bare, undeclared] = receive(`<x:features xmlns:x="urn:example"/><features/><y:features xmlns="${NS_STREAMS}"/>`);
    for (const element of [other, bare, undeclared]) expect(element && isNamed(element, "features", NS_STREAMS)).toBe(false);
  });

  it("tolerates shapes a parser never makes", () => {
    const hostile = [
      { name: "features", attrs: null, children: null },
      { name: 7, attrs: { xmlns: NS_STREAMS }, children: [] },
      { name: "mechanism", attrs: { xmlns: 1 }, children: ["x"], parent: "not an element" },
    ] as unknown as XmlElement[];
    for (const element of hostile) expect(isNamed(element, "features", NS_STREAMS)).toBe(false);
    const parent = { name: "p", attrs: { xmlns: "urn:p" }, children: [...hostile, "text", null] } as unknown as XmlElement;
    expect(childrenNamed(parent, "features", NS_STREAMS)).toEqual([]);
  });
});
