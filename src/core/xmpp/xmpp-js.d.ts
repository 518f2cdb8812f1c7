// Just enough of @xmpp/* 0.14 (shipped without types) for the pieces Warden composes. What they
// hand us from the server is the core's `XmlElement`, read through checked accessors; what we
// send is the ltx `Element` that `xml()` builds.
/* eslint-disable @typescript-eslint/consistent-type-imports -- an ambient module cannot import a relative path; it can name one in an import() type */
declare module "@xmpp/xml" {
  import type { Element } from "ltx";
  type Child = Element | string | false | null | undefined;
  function xml(name: string, attrs?: Record<string, string | undefined> | null, ...children: Child[]): Element;
  export default xml;
}

declare module "@xmpp/events" {
  import { EventEmitter } from "node:events";
  export { EventEmitter };
}

declare module "@xmpp/jid" {
  export interface JID {
    local: string;
    domain: string;
    resource: string;
    bare(): JID;
    toString(): string;
  }
  function jid(address: string): JID;
  function jid(local: string, domain: string, resource?: string): JID;
  export default jid;
}

declare module "@xmpp/id" {
  export default function id(): string;
}

declare module "@xmpp/client-core" {
  import type { EventEmitter } from "node:events";
  import type { Element } from "ltx";
  import type { JID } from "@xmpp/jid";
  export type TransportClass = abstract new (...args: never[]) => unknown;
  export class Client extends EventEmitter {
    constructor(options: { service: string; domain: string; timeout?: number });
    transports: TransportClass[];
    jid: JID | null;
    status: string;
    socket: XmppSocket | null;
    options: { service: string; domain: string };
    isSecure(): boolean;
    start(): Promise<JID>;
    stop(): Promise<void>;
    disconnect(): Promise<void>;
    restart(): Promise<void>;
    send(element: Element): Promise<void>;
    sendReceive(element: Element, timeout?: number): Promise<import("../protocol/xml.js").XmlElement>;
    _attachSocket(socket: XmppSocket): void;
    /** Announces "online" (Bind2, resource binding and stream resumption call it). */
    _ready(resumed?: boolean): void;
  }
  export interface XmppSocket extends EventEmitter {
    secure: boolean;
    connect(options: Record<string, unknown>): void;
    end(): void;
    write(data: string, callback?: (error?: Error | null) => void): void;
  }
}

declare module "@xmpp/connection-tcp/Socket.js" {
  import { Socket } from "node:net";
  export default class TcpSocket extends Socket {
    secure: boolean;
  }
}

declare module "@xmpp/tcp/lib/Connection.js" {
  import { Client } from "@xmpp/client-core";
  export default class ConnectionTCP extends Client {}
}

declare module "@xmpp/tls/lib/Connection.js" {
  import { Client } from "@xmpp/client-core";
  export default class ConnectionTLS extends Client {}
}

declare module "@xmpp/middleware" {
  import type { Client } from "@xmpp/client-core";
  import type { JID } from "@xmpp/jid";
  export interface IncomingContext {
    stanza: import("../protocol/xml.js").XmlElement;
    entity: Client;
    name: string;
    type?: string;
    id: string;
    from: JID | null;
  }
  export type Next = () => Promise<unknown>;
  export interface Middleware {
    use(fn: (ctx: IncomingContext, next: Next) => unknown): void;
  }
  export default function middleware(deps: { entity: Client }): Middleware;
}

declare module "@xmpp/stream-features" {
  import type { Middleware, IncomingContext, Next } from "@xmpp/middleware";
  type XmlElement = import("../protocol/xml.js").XmlElement;
  export interface StreamFeatures {
    use(name: string, xmlns: string, handler: (ctx: IncomingContext, next: Next, feature: XmlElement) => unknown): void;
  }
  export default function streamFeatures(deps: { middleware: Middleware }): StreamFeatures;
}

declare module "@xmpp/reconnect" {
  import type { EventEmitter } from "node:events";
  import type { Client } from "@xmpp/client-core";
  export interface Reconnect extends EventEmitter {
    delay: number;
    stop(): void;
    start(): void;
    /** Reconnects after `delay` if still disconnected (what a "disconnect" event triggers). */
    scheduleReconnect(): void;
  }
  export default function reconnect(deps: { entity: Client }): Reconnect;
}

declare module "saslmechanisms" {
  export interface Mechanism {
    readonly name: string;
    readonly clientFirst: boolean;
    response(creds: object): string | Promise<string>;
    challenge(data: string): unknown;
  }
  export default class SASLFactory {
    use(mechanism: unknown): this;
    create(names: readonly string[]): Mechanism | null;
  }
}

declare module "@xmpp/sasl" {
  import type { Element } from "ltx";
  import type { Client } from "@xmpp/client-core";
  import type { StreamFeatures } from "@xmpp/stream-features";
  import type SASLFactory from "saslmechanisms";
  export type OnAuthenticate = (
    authenticate: (credentials: Record<string, unknown>, mechanism: string, userAgent?: Element) => Promise<void>,
    mechanisms: string[],
    fast: FastLike | null,
    entity: Client,
  ) => Promise<void>;
  export interface FastLike {
    mechanism: string | null;
  }
  export default function sasl(deps: { streamFeatures: StreamFeatures; saslFactory: SASLFactory }, onAuthenticate: OnAuthenticate): void;
}

declare module "@xmpp/sasl/lib/SASLError.js" {
  export default class SASLError extends Error {
    condition: string;
    text?: string;
  }
}

declare module "@xmpp/sasl2" {
  type XmlElement = import("../protocol/xml.js").XmlElement;
  import type { StreamFeatures } from "@xmpp/stream-features";
  import type { OnAuthenticate } from "@xmpp/sasl";
  import type SASLFactory from "saslmechanisms";
  export interface Sasl2 {
    setup(deps: { fast: unknown }): void;
    /** Inline feature `ns`: `onOffered` gets its element in the offer, `onSuccessChild` its element in `<success>`. */
    use(ns: string, onOffered: (element: XmlElement) => unknown, onSuccessChild: (element: XmlElement) => unknown): void;
  }
  export default function sasl2(deps: { streamFeatures: StreamFeatures; saslFactory: SASLFactory }, onAuthenticate: OnAuthenticate): Sasl2;
}

declare module "@xmpp/client-core/src/bind2/bind2.js" {
  import type { Client } from "@xmpp/client-core";
  import type { Sasl2 } from "@xmpp/sasl2";
  export interface Bind2 {
    use(ns: string, req: unknown, res: unknown): void;
  }
  export default function bind2(deps: { sasl2: Sasl2; entity: Client }, tag?: string): Bind2;
}

declare module "@xmpp/stream-management" {
  import type { EventEmitter } from "node:events";
  export default function streamManagement(deps: Record<string, unknown>): EventEmitter;
}

declare module "@xmpp/resource-binding" {
  export default function resourceBinding(deps: Record<string, unknown>, resource?: string): unknown;
}

declare module "@xmpp/iq/caller.js" {
  export default function iqCaller(deps: Record<string, unknown>): unknown;
}

declare module "@xmpp/iq/callee.js" {
  export interface IqCallee {
    get(ns: string, name: string, handler: () => unknown): void;
  }
  export default function iqCallee(deps: Record<string, unknown>): IqCallee;
}
