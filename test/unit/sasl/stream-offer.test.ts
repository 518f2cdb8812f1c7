import { describe, expect, it } from "vitest";

import { readStreamOffer } from "../../../src/core/sasl/stream-offer.js";
import type { Element } from "ltx";
import { xml } from "../../../src/core/protocol/xml.js";

const features = (...children: Element[]) => xml("features", { xmlns: "http://etherx.jabber.org/streams" }, ...children);
const mechanisms = (name: string, xmlns: string, ...names: string[]) => xml(name, { xmlns }, ...names.map((n) => xml("mechanism", {}, n)));

describe("readStreamOffer", () => {
  it("reads what Prosody offers: SASL2 with FAST inline, legacy SASL, XEP-0440", () => {
    const element = features(
      mechanisms("mechanisms", "urn:ietf:params:xml:ns:xmpp-sasl", "PLAIN", "SCRAM-SHA-1"),
      xml("sasl-channel-binding", { xmlns: "urn:xmpp:sasl-cb:0" }, xml("channel-binding", { type: "tls-exporter" })),
      xml(
        "authentication",
        { xmlns: "urn:xmpp:sasl:2" },
        xml("mechanism", {}, "SCRAM-SHA-1-PLUS"),
        xml("mechanism", {}, "SCRAM-SHA-1"),
        xml("inline", {}, mechanisms("fast", "urn:xmpp:fast:0", "HT-SHA-256-EXPR", "HT-SHA-256-NONE")),
      ),
    );
    expect(readStreamOffer(element)).toEqual({
      mechanisms: ["SCRAM-SHA-1-PLUS", "SCRAM-SHA-1"],
      channelBindings: ["tls-exporter"],
      fastMechanisms: ["HT-SHA-256-EXPR", "HT-SHA-256-NONE"],
    });
  });

  it("falls back to legacy SASL, which has no FAST", () => {
    const element = features(mechanisms("mechanisms", "urn:ietf:params:xml:ns:xmpp-sasl", "SCRAM-SHA-1"));
    expect(readStreamOffer(element)).toEqual({ mechanisms: ["SCRAM-SHA-1"], channelBindings: [], fastMechanisms: undefined });
  });

  it("offers nothing to sign in with after authentication", () => {
    expect(readStreamOffer(features(xml("bind", { xmlns: "urn:ietf:params:xml:ns:xmpp-bind" })))).toBeUndefined();
  });

  it("skips empty names and channel bindings without a type", () => {
    const element = features(
      mechanisms("authentication", "urn:xmpp:sasl:2", "", " SCRAM-SHA-1 "),
      xml("sasl-channel-binding", { xmlns: "urn:xmpp:sasl-cb:0" }, xml("channel-binding", {}), xml("channel-binding", { type: "" })),
    );
    expect(readStreamOffer(element)).toEqual({ mechanisms: ["SCRAM-SHA-1"], channelBindings: [], fastMechanisms: undefined });
  });
});
