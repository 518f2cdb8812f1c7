// Patch of @xmpp/connection 0.14.0 (written against that exact version). Upstream lacks a way to
// choose the stream parser: Connection.open() does `new this.Parser()`, read from the transport's
// prototype. And its `_onData` turns each socket chunk into a string on its own (splitting a UTF-8
// sequence that straddles two chunks), then calls `this.parser.write` even after it has dropped
// the parser (after a parse error or the closing tag), which throws inside the socket's data event.
import type { Client, TransportClass } from "@xmpp/client-core";

/** What Connection drives: write/end, and the events start/element/end/error. */
type StreamParserClass = new () => { write(data: Buffer): void };

interface ParsingEntity {
  parser: { write(data: Buffer): void } | null;
  _onData(data: Buffer): void;
}

/**
 * Makes `transports` parse with `Parser`, handing it the socket's bytes undecoded; once the
 * connection has dropped its parser, whatever the socket still delivers is ignored.
 */
export function useStreamParser(entity: Client, transports: readonly TransportClass[], Parser: StreamParserClass): void {
  for (const Transport of transports) (Transport.prototype as { Parser?: unknown }).Parser = Parser;
  const parsing = entity as unknown as ParsingEntity;
  parsing._onData = (data) => parsing.parser?.write(data);
}
