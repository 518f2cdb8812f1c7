import { EventEmitter } from "node:events";
import { StringDecoder } from "node:string_decoder";
import Element from "ltx/lib/Element.js";
import SaxLtx from "ltx/lib/parsers/ltx.js";

/** The largest stanza (or stream header) accepted from a server, in bytes. */
export const MAX_STANZA_BYTES = 16 * 1024 * 1024;

/** How much of the server's error text is kept: it is the server's, of any length. */
const MAX_DETAIL_LENGTH = 200;

/**
 * ltx looks for the next "<" again from every character of a text run, so one write costs the
 * square of its size: larger writes are parsed in pieces of this size (a socket chunk's).
 */
const MAX_WRITE_BYTES = 64 * 1024;

/** The server sent XML that cannot be parsed, or a stanza over the size limit (RFC 6120 bad-format). */
export class MalformedStreamError extends Error {
  readonly detail: string;

  constructor(
    readonly reason: "not-well-formed" | "too-large",
    detail: string,
  ) {
    const bounded = detail.length > MAX_DETAIL_LENGTH ? `${detail.slice(0, MAX_DETAIL_LENGTH)}…` : detail;
    super(reason === "too-large" ? `The server sent a stanza over the size limit: ${bounded}` : `The server sent malformed XML: ${bounded}`);
    this.name = "MalformedStreamError";
    this.detail = bounded;
  }
}

interface BoundedParserEvents {
  /** The stream header. */
  start: [Element];
  /** A complete top-level element (stanza or nonza), its parent the stream header. */
  element: [Element];
  /** The stream's closing tag. */
  end: [Element];
  error: [MalformedStreamError];
}

/**
 * The stream parser @xmpp/connection drives (write/end; events start/element/end/error), like
 * @xmpp/xml's but safe against a hostile server: it never throws from write() (ltx throws on an
 * undefined entity, inside the socket's data handler, which would end the process), and it refuses
 * a stanza over `maxStanzaBytes` before taking in more than that. After its one `error` it ignores
 * all further input.
 */
export class BoundedParser extends EventEmitter<BoundedParserEvents> {
  readonly #sax = new SaxLtx();
  /** Socket chunks can end inside a UTF-8 sequence. */
  readonly #decoder = new StringDecoder("utf8");
  readonly #maxStanzaBytes: number;
  #root: Element | null = null;
  #cursor: Element | null = null;
  /** Bytes taken in since the last complete top-level element or the stream header. */
  #pendingBytes = 0;
  /** A top-level element (or the header) was completed during the current write to the SAX parser. */
  #completed = false;
  #done = false;

  constructor(options: { maxStanzaBytes?: number } = {}) {
    super();
    this.#maxStanzaBytes = options.maxStanzaBytes ?? MAX_STANZA_BYTES;
    this.#sax.on("startElement", (name: string, attrs: Record<string, string>) => this.#onStart(name, attrs));
    this.#sax.on("endElement", (name: string) => this.#onEnd(name));
    this.#sax.on("text", (text: string) => this.#onText(text));
  }

  write(data: string | Buffer): void {
    const bytes = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    for (let offset = 0; offset < bytes.length && !this.#done; offset += MAX_WRITE_BYTES) {
      this.#take(bytes.subarray(offset, offset + MAX_WRITE_BYTES));
    }
  }

  end(data?: string | Buffer): void {
    if (data) this.write(data);
  }

  #take(bytes: Buffer): void {
    let rest = bytes;
    while (rest.length > 0 && !this.#done) {
      const room = this.#maxStanzaBytes - this.#pendingBytes;
      if (rest.length <= room) {
        this.#feed(rest);
        return;
      }
      // Only what fits is parsed: it may finish the stanza, and what follows starts a new count.
      const completed = this.#feed(rest.subarray(0, room));
      if (this.#done) return;
      if (!completed) {
        this.#fail("too-large", `more than ${this.#maxStanzaBytes} bytes without a complete stanza`);
        return;
      }
      rest = rest.subarray(room);
    }
  }

  /** Parses `bytes`; says whether a top-level element (or the header) was completed in them. */
  #feed(bytes: Buffer): boolean {
    this.#completed = false;
    try {
      this.#sax.write(this.#decoder.write(bytes));
    } catch (error) {
      this.#fail("not-well-formed", error instanceof Error ? error.message : String(error));
      return false;
    }
    if (!this.#completed) {
      this.#pendingBytes += bytes.length;
      return false;
    }
    // Where in this write the element ended is not known: counting restarts after its last '>',
    // so a stanza can pass the limit by at most the tags that followed it in one socket chunk.
    this.#pendingBytes = bytes.length - 1 - bytes.lastIndexOf(0x3e /* > */);
    return true;
  }

  #onStart(name: string, attrs: Record<string, string>): void {
    if (this.#done) return;
    const element = new Element(name, attrs);
    if (!this.#root) {
      this.#root = element;
      this.#cursor = element;
      this.#completed = true;
      this.emit("start", element);
      return;
    }
    // Top-level elements are not kept as children of the stream header: a long session would grow it.
    if (this.#cursor && this.#cursor !== this.#root) this.#cursor.cnode(element);
    this.#cursor = element;
  }

  #onEnd(name: string): void {
    if (this.#done) return;
    const cursor = this.#cursor;
    if (!cursor) {
      this.#fail("not-well-formed", `</${name}> before the stream header`);
      return;
    }
    if (name !== cursor.name) {
      this.#fail("not-well-formed", `</${name}> where </${cursor.name}> was expected`);
      return;
    }
    if (cursor === this.#root) {
      this.#done = true;
      this.emit("end", cursor);
      return;
    }
    if (!cursor.parent) {
      cursor.parent = this.#root;
      this.#cursor = this.#root;
      this.#completed = true;
      this.emit("element", cursor);
      return;
    }
    this.#cursor = cursor.parent;
  }

  #onText(text: string): void {
    if (this.#done) return;
    const cursor = this.#cursor;
    if (!cursor) {
      // Whitespace may precede the root element; nothing else may.
      if (text.trim() !== "") this.#fail("not-well-formed", "text before the stream header");
      return;
    }
    // Whitespace between stanzas (keepalives) is not kept on the stream header.
    if (cursor !== this.#root) cursor.t(text);
  }

  #fail(reason: MalformedStreamError["reason"], detail: string): void {
    this.#done = true;
    this.emit("error", new MalformedStreamError(reason, detail));
  }
}
