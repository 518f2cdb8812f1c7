// The streaming parser @xmpp/connection feeds every incoming chunk to (untyped in 0.14).
declare module "@xmpp/xml/lib/Parser.js" {
  import { EventEmitter } from "node:events";
  import type { Element } from "ltx";
  export default class Parser extends EventEmitter<{ start: [Element]; element: [Element]; end: [Element]; error: [Error] }> {
    write(data: string): void;
  }
}
