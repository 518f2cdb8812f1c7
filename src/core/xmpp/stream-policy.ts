import type { Client } from "@xmpp/client-core";
import type { Middleware } from "@xmpp/middleware";
import { gateReady } from "./upstream-patches/hold-ready.js";
import type { XmlElement } from "../protocol/xml.js";
import { childNamed, isNamed } from "../protocol/xml-walk.js";

const NS_STREAMS = "http://etherx.jabber.org/streams";
const NS_TLS = "urn:ietf:params:xml:ns:xmpp-tls";
const NS_SASL = "urn:ietf:params:xml:ns:xmpp-sasl";
const NS_SASL2 = "urn:xmpp:sasl:2";

export type InsecureStreamReason = "no-encryption" | "no-authentication";

/** The stream was not safe to act on; nothing was sent past the stream header. */
export class InsecureStreamError extends Error {
  constructor(readonly reason: InsecureStreamReason) {
    super(reason === "no-encryption" ? "The server did not offer encryption." : "The server did not ask to sign in.");
    this.name = "InsecureStreamError";
  }
}

export interface StreamPolicyOptions {
  /** Features may be acted on without TLS: only for an explicitly allowed loopback test server. */
  allowPlaintext: boolean;
}

export interface StreamPolicy {
  /** Authentication succeeded, and was verified, on the current connection. */
  authenticated(): void;
}

/**
 * Checked on every `<stream:features>` of every connection and reconnection, before any other
 * handler: nothing is acted on before TLS, and nothing but sign-in before authentication. "online"
 * (bind, Bind2 or a resumed session) is held back until authentication was verified on that very
 * connection, so a server cannot skip SASL, nor have a session bound before its proof was checked.
 */
export function useStreamPolicy(entity: Client, middleware: Middleware, options: StreamPolicyOptions): StreamPolicy {
  let authenticated = false;
  // Bind2 and stream resumption announce "online" inside the SASL2 success, before the
  // credentials step has verified the server's proof: held here until it has.
  let heldReady: { resumed: boolean } | undefined;

  entity.on("connect", () => {
    authenticated = false;
    heldReady = undefined;
  });

  const ready = gateReady(entity, (resumed) => {
    if (authenticated) return ready(resumed);
    heldReady = { resumed };
  });

  middleware.use((ctx, next) => {
    const { stanza } = ctx;
    if (!isNamed(stanza, "features", NS_STREAMS)) {
      // Stanzas before authentication are not the account's: nothing answers or reads them.
      return authenticated || !isStanza(stanza.name) ? next() : undefined;
    }
    if (!entity.isSecure() && !options.allowPlaintext && !childNamed(stanza, "starttls", NS_TLS)) {
      throw new InsecureStreamError("no-encryption");
    }
    if (!authenticated && (entity.isSecure() || options.allowPlaintext) && !offersSignIn(stanza)) {
      throw new InsecureStreamError("no-authentication");
    }
    return next();
  });

  return {
    authenticated() {
      authenticated = true;
      const held = heldReady;
      heldReady = undefined;
      if (held) ready(held.resumed);
    },
  };
}

function offersSignIn(features: XmlElement): boolean {
  return childNamed(features, "authentication", NS_SASL2) !== undefined || childNamed(features, "mechanisms", NS_SASL) !== undefined;
}

function isStanza(name: string): boolean {
  return name === "iq" || name === "message" || name === "presence";
}
