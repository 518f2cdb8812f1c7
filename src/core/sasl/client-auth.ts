/**
 * Glue between our mechanisms and an @xmpp/client 0.14 client:
 *  - replaces the client's SASL mechanisms with ours,
 *  - reads each connection's sign-in offer from the `<stream:features>` element itself (the
 *    mechanisms, XEP-0440 channel binding types and FAST mechanisms the server listed), which
 *    @xmpp/sasl{,2} filter or do not pass to the credentials function,
 *  - provides the `credentials` function that refuses an offer weaker than the account's server
 *    showed before (DowngradeError, before any credential is sent), picks the mechanism, computes
 *    tls-exporter data from the live TLS socket, and FAILS CLOSED unless the server proved it
 *    knows the secret of whichever exchange the success is about (SCRAM signature, FAST responder).
 *    That last point matters because @xmpp/sasl (legacy) drops the `<success>` payload and
 *    @xmpp/sasl2 only calls `final()` when `<additional-data>` is present: without this check a
 *    server that doesn't know the password could just say "success".
 */
import type { Protection } from "../../shared/account-state.js";
import { chooseMechanism, connectionTlsExporter, isFastTokenUsable, type MechanismChoice } from "./choose-mechanism.js";
import { DowngradeError, lostProtections, usableProtections } from "./downgrade-policy.js";
import type { FastToken } from "./fast.js";
import { HashedTokenError, HT_SHA_256_EXPR, HT_SHA_256_NONE } from "./hashed-token.js";
import { registerWardenMechanisms } from "./register-mechanisms.js";
import type { SaslExchange } from "./sasl-exchange.js";
import { ScramError, ssdpOffer, type ScramCredentials } from "./scram-sha-1.js";
import { readStreamOffer, type StreamOffer } from "./stream-offer.js";
import type { CredentialsFn, SaslFactory, XmppEntity } from "./xmpp-types.js";
import type { XmlElement } from "../protocol/xml.js";
import { isNamed, textOf } from "../protocol/xml-walk.js";

const NS_STREAMS = "http://etherx.jabber.org/streams";
const NS_SASL_LEGACY = "urn:ietf:params:xml:ns:xmpp-sasl";
const NS_SASL2 = "urn:xmpp:sasl:2";
/** A SCRAM server-final is a few dozen characters; anything longer fails its check whole or cut. */
const MAX_SUCCESS_PAYLOAD = 4096;

/** The sign-in in progress on this connection, for what must happen between two elements. */
interface Attempt {
  /** A SASL2 `<success>` arrived (its proof, if any, is checked as @xmpp/sasl2 reads it). */
  succeeded: boolean;
  /** Reports the authentication if it is proven; does nothing the second time. */
  reportIfProven(): void;
}

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

/** For logs: what a sign-in is about to try. Never carries secrets. */
export interface MechanismChosen {
  /** The password mechanism (tried after the FAST token, if any). */
  readonly mechanism: string;
  /** The password mechanism binds to this TLS connection (SCRAM-SHA-1-PLUS). */
  readonly channelBinding: boolean;
  /** A stored FAST token is at hand. */
  readonly fastTokenFirst: boolean;
  /** The mechanism the stored FAST token will sign in with on this connection; undefined when it cannot be used here. */
  readonly fastMechanism: string | undefined;
}

export interface WardenSaslOptions {
  readonly username: string;
  /** Read at each sign-in: the password is held only while it is the way back in. */
  readonly password: () => string | undefined | Promise<string | undefined>;
  /** A FAST token (XEP-0484), tried before the password (see fast.ts). */
  readonly token?: () => FastToken | undefined | Promise<FastToken | undefined>;
  /** Send credentials over an unencrypted connection (the caller allows it only for loopback). */
  readonly allowInsecure?: boolean;
  /** XEP-0388 `<user-agent/>` element, passed through to SASL2. */
  readonly userAgent?: unknown;
  /**
   * What this account's server showed before. An offer lacking one of its SASL-level protections
   * is refused with a DowngradeError before any credential byte is sent; "ca-verified-certificate"
   * is the TLS layer's and ignored here. Read at every (re)connection.
   */
  readonly remembered: readonly Protection[];
  /**
   * Called exactly once per successful, verified authentication on a connection, with the
   * SASL-level protections this connection offered and Warden could use. With SASL2 it runs
   * before the features that follow the `<success>` are acted on, so a caller can hold the
   * session back until then.
   */
  readonly onAuthenticated?: (seen: readonly Protection[]) => void;
  /** For logs/metrics; never receives secrets. */
  readonly onMechanismChosen?: (info: MechanismChosen) => void;
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
  let offer: StreamOffer | undefined;
  // The exchange in flight, so a legacy <success> payload can reach it.
  let exchange: SaslExchange | undefined;
  let legacyFinal: Promise<void> | undefined;
  let attempt: Attempt | undefined;

  const onElement = (element: XmlElement): void => {
    if (isNamed(element, "success", NS_SASL2) && attempt) {
      attempt.succeeded = true;
      return;
    }
    if (isNamed(element, "features", NS_STREAMS)) {
      // The features that follow a SASL2 success come right after it, before @xmpp/sasl2 hands
      // control back to the credentials function: by now it has checked the proof.
      if (attempt?.succeeded) attempt.reportIfProven();
      // Features after authentication offer no sign-in; the next connection's replace the offer.
      offer = readStreamOffer(element) ?? offer;
      return;
    }
    // "element" is emitted before "nonza" (which @xmpp/sasl's procedure
    // listens to), so the payload is checked before the library says done().
    if (isNamed(element, "success", NS_SASL_LEGACY) && exchange && !exchange.serverVerified) {
      const payload = textOf(element, MAX_SUCCESS_PAYLOAD);
      if (payload !== undefined && payload !== "=") {
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
    // This connection's offer, as it stands now: features after the success must not change it.
    const connectionOffer: StreamOffer = offer ?? { mechanisms, channelBindings: [], fastMechanisms: undefined };
    const tlsExporter = connectionTlsExporter(entity);
    const lost = lostProtections(options.remembered, { offer: connectionOffer, tlsExporter });
    if (lost.length > 0) throw new DowngradeError(lost);

    const password = await options.password();
    // @xmpp/sasl2 tries FAST itself when it has a token and the server offers FAST.
    const token = fast ? await options.token?.() : undefined;
    if (password === undefined && token === undefined) throw new PasswordNeededError();
    const choice = chooseMechanism({
      offered: mechanisms,
      secure: entity.isSecure(),
      tlsExporter,
      serverChannelBindings: connectionOffer.channelBindings,
    });
    if (!choice.ok) throw new NoAcceptableMechanismError(choice);
    const fastMechanism = token && isFastTokenUsable(token, connectionOffer.fastMechanisms, tlsExporter) ? token.mechanism : undefined;
    options.onMechanismChosen?.({
      mechanism: choice.mechanism,
      channelBinding: "channelBinding" in choice,
      fastTokenFirst: token !== undefined,
      fastMechanism,
    });

    let started: SaslExchange | undefined;
    let verified = false;
    let signedOffer = false;
    let reported = false;
    const current: Attempt = {
      succeeded: false,
      reportIfProven: () => {
        if (reported || started === undefined || !verified) return;
        reported = true;
        options.onAuthenticated?.([
          ...usableProtections({ offer: connectionOffer, tlsExporter }),
          ...(signedOffer ? (["downgrade-protection"] as const) : []),
        ]);
      },
    };
    attempt = current;
    exchange = undefined;
    legacyFinal = undefined;
    const creds: ScramCredentials & { token?: FastToken } = {
      username: options.username,
      // The SCRAM step refuses to run without one ("missing-credentials"), after a refused token.
      password: password as string,
      ...(token !== undefined && { token }),
      ...("channelBinding" in choice && { channelBinding: choice.channelBinding }),
      ...("channelBindingSupported" in choice && { channelBindingSupported: choice.channelBindingSupported }),
      downgradeProtection: {
        offer: ssdpOffer(connectionOffer.mechanisms, connectionOffer.channelBindings),
        required: options.remembered.includes("downgrade-protection"),
        onVerified: () => {
          signedOffer = true;
        },
      },
      // A refused FAST token and then the password can run on one connection: the last exchange
      // started is the one the success is about, and a new one is unproven until it says otherwise.
      onExchangeStarted: (next) => {
        started = next;
        exchange = next;
        verified = next.serverVerified;
      },
      onServerVerified: () => {
        verified = true;
      },
    };

    try {
      await authenticate(creds, choice.mechanism, options.userAgent);
      if (legacyFinal) await legacyFinal;
    } catch (error) {
      if (error instanceof ScramError && (error.code === "downgrade-hash-missing" || error.code === "downgrade-hash-mismatch")) {
        throw new DowngradeError(["downgrade-protection"]);
      }
      throw error;
    } finally {
      exchange = undefined;
      legacyFinal = undefined;
      if (attempt === current) attempt = undefined;
    }
    if (started === undefined || !verified) throw unproven(started);
    current.reportIfProven();
  };

  return {
    credentials,
    attach(xmpp) {
      registerWardenMechanisms(xmpp.saslFactory);
      // Prepended: @xmpp/sasl (legacy) calls the credentials function
      // synchronously from the middleware's "element" listener, so ours must
      // have recorded the offer before that.
      xmpp.prependListener("element", onElement);
      return () => {
        xmpp.removeListener("element", onElement);
      };
    },
  };
}

/** The error for a success the server did not prove, named for the secret it should have known. */
function unproven(exchange: SaslExchange | undefined): Error {
  if (exchange?.name === HT_SHA_256_EXPR || exchange?.name === HT_SHA_256_NONE) {
    return new HashedTokenError("responder-missing", "server did not prove it knows the token");
  }
  return new ScramError("server-signature-missing", "server reported success without proving it knows the password");
}
