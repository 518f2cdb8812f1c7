// Typed view of the parts of @xmpp/client 0.14 (which ships no types) that the
// harness tests use. Loaded through a non-literal specifier so this file does
// not need an ambient `declare module "@xmpp/client"` that could clash with one
// the app may add later.
import type { EventEmitter } from "node:events";
import type { Element } from "ltx";

export type { Element };

export interface FastToken {
  mechanism: string;
  token: string;
  expiry: string;
}

export interface XmppClientOptions {
  service: string;
  domain: string;
  username: string;
  password: string;
  userAgent?: Element;
  resource?: string;
}

export interface XmppClient extends EventEmitter {
  status: string;
  start(): Promise<unknown>;
  stop(): Promise<void>;
  send(element: Element): Promise<void>;
  reconnect: { stop(): void };
  /** saslmechanisms' factory: `use(name, Mechanism)` adds a mechanism after the built-in ones. */
  saslFactory: { use(name: string, mechanism: new () => object): void };
  fast: {
    saveToken(token: FastToken): Promise<void>;
    fetchToken(): Promise<FastToken | null | undefined>;
  };
}

type XmlChild = Element | string;

interface XmppClientModule {
  client(options: XmppClientOptions): XmppClient;
  xml(name: string, attrs?: Record<string, string>, ...children: XmlChild[]): Element;
}

const specifier: string = "@xmpp/client";
const xmppClientModule = (await import(specifier)) as XmppClientModule;

export const client = xmppClientModule.client;
export const xml = xmppClientModule.xml;
