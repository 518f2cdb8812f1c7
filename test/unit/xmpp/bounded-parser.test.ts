import type { Element } from "ltx";
import { describe, expect, it } from "vitest";
import { BoundedParser, MalformedStreamError, MAX_STANZA_BYTES } from "../../../src/core/xmpp/bounded-parser.js";

const HEADER = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='s1' from='localhost' version='1.0'>";

/** A parser and everything it emitted, in order. */
function record(options?: { maxStanzaBytes?: number }) {
  const parser = new BoundedParser(options);
  const events: { event: string; element?: Element; error?: MalformedStreamError }[] = [];
  parser.on("start", (element) => events.push({ event: "start", element }));
  parser.on("element", (element) => events.push({ event: "element", element }));
  parser.on("end", (element) => events.push({ event: "end", element }));
  parser.on("error", (error) => events.push({ event: "error", error }));
  const errors = () => events.flatMap((e) => (e.error ? [e.error] : []));
  const stanzas = () => events.flatMap((e) => (e.event === "element" && e.element ? [e.element.toString()] : []));
  return { parser, events, errors, stanzas };
}

describe("BoundedParser: a well-formed stream", () => {
  it("emits the header, each top-level element with the header as parent, and the end", () => {
    const { parser, events } = record();
    parser.write(HEADER);
    parser.write("<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:features>");
    parser.write(" <message to='a@b'><body>x &amp; y &#x263A; &lt;z&gt;</body></message>");
    parser.write("</stream:stream>");
    expect(events.map((e) => e.event)).toEqual(["start", "element", "element", "end"]);
    const [start, features, message] = events.map((e) => e.element);
    expect(start?.attrs).toMatchObject({ id: "s1", from: "localhost" });
    expect(features?.is("features", "http://etherx.jabber.org/streams")).toBe(true);
    expect(features?.parent).toBe(start);
    expect(features?.getChild("starttls", "urn:ietf:params:xml:ns:xmpp-tls")).toBeDefined();
    expect(message?.getNS()).toBe("jabber:client");
    expect(message?.getChildText("body")).toBe("x & y \u263a <z>");
  });

  it("gives the same elements whatever the chunking, even inside a multi-byte character", () => {
    const stream = Buffer.from(`<message><body>héllo 😀 wörld</body></message><iq type='result' id='1'/>`, "utf8");
    const whole = record();
    whole.parser.write(HEADER);
    whole.parser.write(stream);
    expect(whole.stanzas()).toEqual(["<message><body>héllo 😀 wörld</body></message>", '<iq type="result" id="1"/>']);
    for (const size of [1, 2, 3, 7]) {
      const chunked = record();
      // In one piece: ltx loses an XML declaration whose "?>" is split across writes.
      chunked.parser.write(HEADER);
      for (let i = 0; i < stream.length; i += size) chunked.parser.write(stream.subarray(i, i + size));
      expect(chunked.stanzas()).toEqual(whole.stanzas());
      expect(chunked.errors()).toEqual([]);
    }
  });

  it("allows whitespace before the header and between stanzas", () => {
    const { parser, events } = record();
    parser.write(`\n ${HEADER}\n<presence/> \n\t<presence/>`);
    expect(events.map((e) => e.event)).toEqual(["start", "element", "element"]);
  });
});

describe("BoundedParser: not well-formed", () => {
  const cases: [string, string, RegExp][] = [
    ["an undefined entity in text", `${HEADER}<message><body>&bogus;</body></message>`, /&bogus;/],
    ["an undefined entity in an attribute", `${HEADER}<message to='&bogus;'/>`, /&bogus;/],
    ["an illegal character reference", `${HEADER}<message><body>&#0;</body></message>`, /character/],
    ["a mismatched end tag", `${HEADER}<message><body></message>`, /<\/message> where <\/body> was expected/],
    ["an end tag before the header", "</stream:stream>", /before the stream header/],
    ["text before the header", `hello${HEADER}`, /text before the stream header/],
    ["an undefined entity in the header", "<stream:stream xmlns='jabber:client' id='&bogus;'>", /&bogus;/],
  ];

  it.each(cases)("%s: an error event, never a throw", (_, input, detail) => {
    const { parser, errors } = record();
    expect(() => parser.write(input)).not.toThrow();
    expect(errors()).toHaveLength(1);
    const [error] = errors();
    expect(error).toBeInstanceOf(MalformedStreamError);
    expect(error?.reason).toBe("not-well-formed");
    expect(error?.detail).toMatch(detail);
  });

  it("ignores everything after the error, in the same write and later ones", () => {
    const { parser, events } = record();
    parser.write(`${HEADER}<presence/><message>&bogus;</message><presence/>`);
    parser.write("<presence/></stream:stream>");
    parser.end("<presence/>");
    expect(events.map((e) => e.event)).toEqual(["start", "element", "error"]);
  });

  it("keeps only the start of a long detail: it is the server's text", () => {
    const { parser, errors } = record();
    parser.write(`${HEADER}<message>&${"x".repeat(100_000)};</message>`);
    expect(errors()[0]?.detail.length).toBeLessThanOrEqual(201);
  });
});

describe("BoundedParser: stanza size", () => {
  const limit = 1024;
  const stanzaOf = (bytes: number) => {
    const open = "<message><body>";
    const close = "</body></message>";
    return `${open}${"a".repeat(bytes - open.length - close.length)}${close}`;
  };

  it("defaults to 16 MiB", () => {
    expect(MAX_STANZA_BYTES).toBe(16 * 1024 * 1024);
  });

  it("accepts a stanza of exactly the limit, and any number of them", () => {
    const { parser, stanzas, errors } = record({ maxStanzaBytes: limit });
    parser.write(HEADER);
    for (let i = 0; i < 50; i += 1) parser.write(stanzaOf(limit));
    expect(errors()).toEqual([]);
    expect(stanzas()).toHaveLength(50);
  });

  it("accepts a chunk that finishes a stanza near the limit and starts the next", () => {
    const { parser, stanzas, errors } = record({ maxStanzaBytes: limit });
    parser.write(HEADER);
    const first = stanzaOf(limit - 10);
    parser.write(first.slice(0, 500));
    parser.write(first.slice(500) + stanzaOf(600).slice(0, 400));
    parser.write(stanzaOf(600).slice(400));
    expect(errors()).toEqual([]);
    expect(stanzas()).toHaveLength(2);
  });

  it("refuses a stanza one byte over the limit, in one write or in many", () => {
    for (const chunk of [limit + 1, 100, 1]) {
      const { parser, events } = record({ maxStanzaBytes: limit });
      parser.write(HEADER);
      const stanza = stanzaOf(limit + 1);
      for (let i = 0; i < stanza.length; i += chunk) parser.write(stanza.slice(i, i + chunk));
      expect(events.map((e) => e.event)).toEqual(["start", "error"]);
      expect(events[1]?.error).toMatchObject({ reason: "too-large" });
    }
  });

  it("refuses as soon as the count passes the limit, without waiting for the rest", () => {
    const { parser, errors } = record({ maxStanzaBytes: limit });
    parser.write(`${HEADER}<message><body>`);
    let writes = 0;
    while (errors().length === 0 && writes < 10_000) {
      parser.write("a".repeat(100));
      writes += 1;
    }
    // 15 bytes of open tags, then 100 bytes a write: the write that takes the count past 1024.
    expect(writes).toBe(11);
    expect(errors()[0]?.reason).toBe("too-large");
  });

  it("refuses an oversized stream header", () => {
    const { parser, events } = record({ maxStanzaBytes: limit });
    parser.write(`<stream:stream xmlns='jabber:client' id='${"x".repeat(limit)}'>`);
    expect(events.map((e) => e.event)).toEqual(["error"]);
    expect(events[0]?.error).toMatchObject({ reason: "too-large" });
  });

  it("parses a large write in pieces: a 2 MiB text node in one write takes seconds at most, not hours", () => {
    const { parser, stanzas, errors } = record();
    const started = performance.now();
    parser.write(`${HEADER}<message><body>${"a".repeat(2 * 1024 * 1024)}</body></message>`);
    expect(errors()).toEqual([]);
    expect(stanzas()).toHaveLength(1);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("counts bytes, not characters", () => {
    const { parser, errors } = record({ maxStanzaBytes: limit });
    parser.write(HEADER);
    // 400 three-byte characters: 1200 bytes, 400 characters.
    parser.write(`<message><body>${"€".repeat(400)}</body></message>`);
    expect(errors()[0]?.reason).toBe("too-large");
  });
});
