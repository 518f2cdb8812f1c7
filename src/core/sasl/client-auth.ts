/**
 * Glue between our mechanisms and an @xmpp/client 0.14 client:
 *  - replaces the client's SASL mechanisms with ours,
 *  - remembers which channel binding types the server advertised (XEP-0440),
 *    which @xmpp/sasl2 does not pass to the credentials function,
 *  - provides the `credentials` function that picks the mechanism, computes
 *    tls-exporter data from the live TLS socket, and FAILS CLOSED unless the
 *    SCRAM server signature was verified. That last point matters because
 *    @xmpp/sasl (legacy) drops the `<success>` payload and @xmpp/sasl2 only
 *    calls `final()` when `<additional-data>` is present: without this check a
 *    server that doesn't know the password could just say "success".
 */
import { TLSSocket } from "node:tls";

import { chooseMechanism, PLAIN, tlsExporterChannelBinding, type MechanismChoice } from "./choose-mechanism.js";
import { registerWardenMechanisms } from "./register-mechanisms.js";
import { ScramError, type ScramCredentials, type ScramExchange } from "./scram-sha-1.js";
import type { CredentialsFn, SaslFactory, XmlElement, XmppEntity } from "./xmpp-types.js";

const NS_STREAMS = "http://etherx.jabber.org/streams";
const NS_SASL_CB = "urn:xmpp:sasl-cb:0";
const NS_SASL_LEGACY = "urn:ietf:params:xml:ns:xmpp-sasl";

export class NoAcceptableMechanismError extends Error {
  readonly offered: readonly string[];
  readonly secure: boolean;

  constructor(choice: Extract<MechanismChoice, { ok: false }>) {
    super(
      `SASL: no acceptable mechanism (offered: ${choice.offered.join(" ") || "none"}; ` +
        `${choice.secure ? "TLS" : "no TLS"})`,
    );
    this.name = "NoAcceptableMechanismError";
    this.offered = choice.offered;
    this.secure = choice.secure;
  }
}

/** Neither a password nor a usable FAST token: only the user can help. */
export class PasswordNeededError extends Error {
  constructor() {
    super("A password is needed to sign in.");
    this.name = "PasswordNeededError";
  }
}

/** The connection is not encrypted and plaintext was not allowed for it. */
export class InsecureConnectionError extends Error {
  constructor() {
    super("The server offers no TLS; credentials are not sent in the clear.");
    this.name = "InsecureConnectionError";
  }
}

export interface WardenSaslOptions {
  readonly username: string;
  /** Read at each sign-in: the password is held only while it is the way back in. */
  readonly password: () => string | undefined | Promise<string | undefined>;
  /** A FAST token (XEP-0484) for @xmpp/client's FAST step, tried before the password. */
  readonly token?: () => unknown;
  /** Send credentials over an unencrypted connection (the caller allows it only for loopback). */
  readonly allowInsecure?: boolean;
  /** XEP-0388 `<user-agent/>` element, passed through to SASL2. */
  readonly userAgent?: unknown;
  /** For logs/metrics; never receives secrets. */
  readonly onMechanismChosen?: (info: { mechanism: string; channelBinding: boolean; fastTokenFirst: boolean }) => void;
}

export interface WardenSasl {
  /** Pass as @xmpp/client's `credentials` option. */
  readonly credentials: CredentialsFn;
  /**
   * Call right after client(), before start(): installs our mechanisms in
   * `xmpp.saslFactory` and starts watching stream features. Returns a detach
   * function.
   */
  attach(xmpp: XmppEntity & { readonly saslFactory: SaslFactory }): () => void;
}

export function createWardenSasl(options: WardenSaslOptions): WardenSasl {
  let advertisedBindings: readonly string[] = [];
  // The SCRAM exchange in flight, so a legacy <success> payload can reach it.
  let exchange: ScramExchange | undefined;
  let legacyFinal: Promise<void> | undefined;

  const onElement = (element: XmlElement): void => {
    if (element.is("features", NS_STREAMS)) {
      advertisedBindings = element
        .getChild("sasl-channel-binding", NS_SASL_CB)
        ?.getChildren("channel-binding")
        .map((child) => child.attrs.type)
        .filter((type): type is string => typeof type === "string") ?? [];
      return;
    }
    // "element" is emitted before "nonza" (which @xmpp/sasl's procedure
    // listens to), so the payload is checked before the library says done().
    if (element.is("success", NS_SASL_LEGACY) && exchange && !exchange.serverVerified) {
      const payload = element.text().trim();
      if (payload !== "" && payload !== "=") {
        let data: string | undefined;
        try {
          data = atob(payload);
        } catch {
          data = undefined;
        }
        legacyFinal = data === undefined
          ? Promise.reject(new ScramError("malformed-server-final", "invalid base64 in <success>"))
          : exchange.final(data);
        // Awaited after authenticate(); this only silences the interim "unhandled" warning.
        legacyFinal.catch(() => undefined);
      }
    }
  };

  const credentials: CredentialsFn = async (authenticate, mechanisms, fast, entity) => {
    if (!entity.isSecure() && !options.allowInsecure) throw new InsecureConnectionError();
    const password = await options.password();
    // @xmpp/sasl2 tries FAST itself when it has a token and the server offers FAST.
    const token = fast ? await options.token?.() : undefined;
    if (password === undefined && token === undefined) throw new PasswordNeededError();
    const tlsSocket = findTlsSocket(entity.socket);
    const choice = chooseMechanism({
      offered: mechanisms,
      secure: entity.isSecure(),
      tlsExporter: tlsSocket ? tlsExporterChannelBinding(tlsSocket) : undefined,
      serverChannelBindings: advertisedBindings,
    });
    if (!choice.ok) throw new NoAcceptableMechanismError(choice);
    options.onMechanismChosen?.({ mechanism: choice.mechanism, channelBinding: "channelBinding" in choice, fastTokenFirst: token !== undefined });

    let verified = false;
    let started = false;
    exchange = undefined;
    legacyFinal = undefined;
    const creds: ScramCredentials & { token?: unknown } = {
      username: options.username,
      // The SCRAM step refuses to run without one ("missing-credentials"), after a refused token.
      password: password as string,
      ...(token !== undefined && { token }),
      ...("channelBinding" in choice && { channelBinding: choice.channelBinding }),
      ...("channelBindingSupported" in choice && { channelBindingSupported: choice.channelBindingSupported }),
      onServerVerified: () => {
        verified = true;
      },
      onExchangeStarted: (current) => {
        started = true;
        exchange = current;
      },
    };

    try {
      await authenticate(creds, choice.mechanism, options.userAgent);
      if (legacyFinal) await legacyFinal;
    } finally {
      exchange = undefined;
      legacyFinal = undefined;
    }
    // Signed in with the FAST token: no password exchange ran, so there is no signature to check.
    if (choice.mechanism !== PLAIN && started && !verified) {
      throw new ScramError("server-signature-missing", "server reported success without proving it knows the password");
    }
  };

  return {
    credentials,
    attach(xmpp) {
      registerWardenMechanisms(xmpp.saslFactory);
      // Prepended: @xmpp/sasl (legacy) calls the credentials function
      // synchronously from the middleware's "element" listener, so ours must
      // have recorded the advertised channel bindings before that.
      xmpp.prependListener("element", onElement);
      return () => {
        xmpp.removeListener("element", onElement);
      };
    },
  };
}

/** entity.socket is @xmpp/tls's wrapper (xmpps:// or after STARTTLS); the node TLSSocket is its `.socket`. */
export function findTlsSocket(entitySocket: unknown): TLSSocket | undefined {
  if (entitySocket instanceof TLSSocket) return entitySocket;
  if (typeof entitySocket === "object" && entitySocket !== null && "socket" in entitySocket) {
    const inner: unknown = entitySocket.socket;
    if (inner instanceof TLSSocket) return inner;
  }
  return undefined;
}
