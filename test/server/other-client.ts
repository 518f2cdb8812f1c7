// A client other than Warden on the same account: plain @xmpp/client 0.14 with its own user agent,
// as a phone or another desktop app would sign in.
import type { TestServer } from "./prosody-test-server.js";
import { client, xml, type Element, type FastToken, type XmppClient } from "./xmpp-client.js";

const NS_SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
const NS_SASL2 = "urn:xmpp:sasl:2";

export interface OtherClient {
  readonly xmpp: XmppClient;
  readonly streamErrors: string[];
  /** Resolves once the server has ended this session. */
  readonly disconnected: Promise<void>;
  fastToken: FastToken | undefined;
}

export interface OtherClientOptions {
  uaId: string;
  software?: string;
  device?: string;
  domain?: string;
  /** Sign in with this FAST token (and no password). */
  fastToken?: FastToken;
  /** Hide SASL2 from the client so it signs in with plain SASL and binds a resource. */
  legacy?: boolean;
  resource?: string;
  /** Hide every SASL mechanism the server offers but this one, so the client signs in with it. */
  mechanism?: string;
  /** Sign in with OAUTHBEARER and this grant token (from `TestServer.createGrantToken`), no password. */
  bearerToken?: string;
}

/** OAUTHBEARER (RFC 7628) for a saslmechanisms factory: @xmpp/client 0.14 has none. */
class OAuthBearer {
  // On the prototype: the factory reads the name from there.
  get name(): string {
    return "OAUTHBEARER";
  }
  get clientFirst(): boolean {
    return true;
  }
  response(credentials: { password: string }): string {
    return `n,,\u0001auth=Bearer ${credentials.password}\u0001\u0001`;
  }
  challenge(): this {
    return this;
  }
}

function userAgent(options: OtherClientOptions): Element {
  const children = [
    ...(options.software ? [xml("software", {}, options.software)] : []),
    ...(options.device ? [xml("device", {}, options.device)] : []),
  ];
  return xml("user-agent", { id: options.uaId }, ...children);
}

export async function signInOtherClient(server: TestServer, account: { jid: string; password: string }, options: OtherClientOptions): Promise<OtherClient> {
  const domain = options.domain ?? server.domain;
  const xmpp = client({
    service: `xmpp://${server.host}:${server.starttlsPort}`,
    domain,
    username: localpartOf(account.jid),
    password: options.bearerToken ?? account.password,
    userAgent: userAgent(options),
    ...(options.resource ? { resource: options.resource } : {}),
  });
  xmpp.reconnect.stop();
  if (options.legacy) xmpp.prependListener("element", hideSasl2);
  if (options.bearerToken) xmpp.saslFactory.use("OAUTHBEARER", OAuthBearer);
  const only = options.bearerToken ? "OAUTHBEARER" : options.mechanism;
  if (only) xmpp.prependListener("element", (element: Element) => offerOnly(element, only));
  const device: OtherClient = {
    xmpp,
    streamErrors: [],
    disconnected: new Promise((resolve) => xmpp.once("disconnect", () => resolve())),
    fastToken: undefined,
  };
  xmpp.on("error", (error: Error & { condition?: string; text?: string }) => {
    device.streamErrors.push(`${error.condition ?? error.message}${error.text ? `: ${error.text}` : ""}`);
  });
  xmpp.fast.saveToken = async (token: FastToken) => {
    device.fastToken = token;
  };
  xmpp.fast.fetchToken = async () => options.fastToken;
  await xmpp.start();
  return device;
}

function hideSasl2(element: Element): void {
  if (!element.is("features", "http://etherx.jabber.org/streams")) return;
  element.children = element.children.filter((child) => typeof child === "string" || !child.is("authentication", NS_SASL2));
}

function offerOnly(element: Element, mechanism: string): void {
  if (!element.is("features", "http://etherx.jabber.org/streams")) return;
  for (const offer of [element.getChild("authentication", NS_SASL2), element.getChild("mechanisms", NS_SASL)]) {
    if (offer) offer.children = offer.children.filter((child) => typeof child === "string" || !child.is("mechanism") || child.text() === mechanism);
  }
}

export async function signOutOtherClient(device: OtherClient): Promise<void> {
  if (device.xmpp.status === "online") await device.xmpp.stop();
}


function localpartOf(jid: string): string {
  return jid.slice(0, jid.indexOf("@"));
}
