/**
 * FAST (XEP-0484) for @xmpp/sasl2, in place of @xmpp/client-core's fast.js: `mechanism`, assignable
 * `saveToken`/`deleteToken`, and `auth()` plus the `sasl2.use()` hooks @xmpp/sasl2 drives (no
 * `fetchToken`: Warden's credentials function reads the token from its own options). What differs:
 *  - HT-SHA-256-EXPR whenever the server offers it and this connection has tls-exporter data,
 *    HT-SHA-256-NONE otherwise, and the token request asks for that best mechanism;
 *  - a stored token for a weaker mechanism (NONE where EXPR is usable now) still signs in, and asks
 *    in the same `<authenticate>` for a token of the better one: an install upgrades by itself;
 *  - the offer is re-read from every connection's features, so a reconnection to a server that
 *    stopped offering FAST does not act on the last connection's offer;
 *  - a token is saved as bound to the mechanism it was requested for (or signed in with, when the
 *    server rotates it), as XEP-0484 binds tokens to the mechanism;
 *  - a success whose responder is wrong fails the sign-in instead of falling back to the password.
 */
import SASLError from "@xmpp/sasl/lib/SASLError.js";
import xml from "@xmpp/xml";
import SASLFactory from "saslmechanisms";

import { chooseFastMechanism, connectionTlsExporter, isFastTokenUsable, type FastMechanismName } from "./choose-mechanism.js";
import { HtSha256Expr, HtSha256None } from "./hashed-token.js";
import { readStreamOffer } from "./stream-offer.js";
import type { XmppEntity } from "./xmpp-types.js";
import type { XmlElement } from "../protocol/xml.js";
import { attr, isNamed } from "../protocol/xml-walk.js";

const NS_FAST = "urn:xmpp:fast:0";
const NS_STREAMS = "http://etherx.jabber.org/streams";
/** Failure conditions that mean "this token is no good": it is forgotten. */
const TOKEN_REFUSED = new Set(["not-authorized", "credentials-expired"]);

/** A FAST token as the keychain keeps it (src/core/credentials/fast-token-store.ts). */
export interface FastToken {
  /** The mechanism the token is bound to. */
  readonly mechanism: string;
  readonly token: string;
  /** ISO 8601, as the server sent it. */
  readonly expiry: string;
}

/** What @xmpp/sasl2 hands to `auth()`; passed back to its `authenticate` with our additions. */
export interface FastAuthArgs {
  authenticate(args: {
    saslFactory: unknown;
    entity: unknown;
    mechanism: string;
    credentials: Record<string, unknown>;
    userAgent: unknown;
    streamFeatures: unknown[];
    features: unknown;
  }): Promise<void>;
  entity: unknown;
  userAgent: unknown;
  /** Warden's credentials object (client-auth.ts); `token` is the stored FAST token, if any. */
  credentials: Record<string, unknown>;
  /** Inline elements for `<authenticate>`; a token request is pushed here for the password step too. */
  streamFeatures: unknown[];
  features: unknown;
}

/** @xmpp/sasl2's registry of inline features: `use(ns, onOffered, onSuccessChild)`. */
export interface Sasl2Features {
  use(ns: string, onOffered: (element: XmlElement) => unknown, onSuccessChild: (element: XmlElement) => unknown): void;
}

export type FastEntity = XmppEntity & { emit(event: "error", error: unknown): unknown };

export class WardenFast {
  /** Called with each token the server issues; assign to keep it. */
  saveToken: (token: FastToken) => Promise<void> = async () => undefined;
  /** Called when the stored token is no good any more (refused, expired, or of a mechanism gone). */
  deleteToken: () => Promise<void> = async () => undefined;

  readonly #entity: FastEntity;
  readonly #factory = new SASLFactory();
  #offered: readonly string[] | undefined;
  #mechanism: FastMechanismName | null = null;
  #tlsExporter: Uint8Array | undefined;
  /** The mechanism a token issued in this authentication's success is bound to. */
  #issuing: string | undefined;

  constructor(sasl2: Sasl2Features, entity: FastEntity) {
    this.#entity = entity;
    this.#factory.use(HtSha256Expr);
    this.#factory.use(HtSha256None);
    // Prepended, so the offer is read before @xmpp/sasl2's middleware asks for `mechanism`.
    entity.prependListener("element", (element) => {
      if (isNamed(element, "features", NS_STREAMS)) this.#onFeatures(element);
    });
    // The offer was read from the whole features element already; sasl2 only needs the namespace.
    sasl2.use(NS_FAST, () => undefined, (element) => this.#onSuccessChild(element));
  }

  /** The best FAST mechanism usable on this connection; null when the server offers none. */
  get mechanism(): FastMechanismName | null {
    return this.#mechanism;
  }

  /** FAST mechanisms the server offered on this connection; undefined when it offered no FAST. */
  get offered(): readonly string[] | undefined {
    return this.#offered;
  }

  /** Signs in with the stored token if it can; false lets @xmpp/sasl2 go on with the password. */
  async auth({ authenticate, entity, userAgent, credentials, streamFeatures, features }: FastAuthArgs): Promise<boolean> {
    const best = this.#mechanism;
    if (best === null) return false;
    const token = readToken(credentials.token);
    if (token === undefined || !isFastTokenUsable(token, this.#offered, this.#tlsExporter)) {
      if (token !== undefined) await this.deleteToken();
      this.#requestToken(streamFeatures, best);
      return false;
    }

    const inline = [...streamFeatures, xml("fast", { xmlns: NS_FAST })];
    if (token.mechanism === best) {
      // Rotation: a token the server issues unasked is bound to the mechanism signed in with.
      this.#issuing = token.mechanism;
    } else {
      this.#requestToken(inline, best);
    }
    try {
      await authenticate({
        saslFactory: this.#factory,
        entity,
        mechanism: token.mechanism,
        credentials: { ...credentials, password: token.token, tlsExporter: this.#tlsExporter },
        userAgent,
        streamFeatures: inline,
        features,
      });
      return true;
    } catch (error) {
      // Anything but a SASL failure (a wrong responder, a lost connection) ends the sign-in.
      if (!(error instanceof SASLError)) throw error;
      if (TOKEN_REFUSED.has(error.condition)) await this.deleteToken();
      this.#requestToken(streamFeatures, best);
      return false;
    }
  }

  #onFeatures(features: XmlElement): void {
    const offer = readStreamOffer(features);
    // Features after authentication offer no sign-in: what this connection offered stays.
    if (offer === undefined) return;
    this.#offered = offer.fastMechanisms;
    this.#tlsExporter = connectionTlsExporter(this.#entity);
    this.#mechanism = chooseFastMechanism(this.#offered, this.#tlsExporter) ?? null;
    this.#issuing = undefined;
  }

  #requestToken(inline: unknown[], mechanism: FastMechanismName): void {
    inline.push(xml("request-token", { xmlns: NS_FAST, mechanism }));
    this.#issuing = mechanism;
  }

  #onSuccessChild(element: XmlElement): void {
    if (!isNamed(element, "token", NS_FAST)) return;
    // Taken as sent: a token cut to length would be a wrong one.
    const token = attr(element, "token");
    const expiry = attr(element, "expiry");
    const mechanism = this.#issuing;
    // A token nobody asked for, or without its value or expiry, is nothing we could use.
    if (mechanism === undefined || !token || !expiry) return;
    // Called now, not after an await: the caller may wait for the save before going online.
    let saving: Promise<void>;
    try {
      saving = this.saveToken({ mechanism, token, expiry });
    } catch (error) {
      saving = Promise.reject(error);
    }
    // @xmpp/sasl2 does not wait for this handler: a failed save must not become an unhandled rejection.
    saving.catch((error: unknown) => this.#entity.emit("error", error));
  }
}

export function createFast({ sasl2, entity }: { sasl2: Sasl2Features; entity: FastEntity }): WardenFast {
  return new WardenFast(sasl2, entity);
}

function readToken(value: unknown): FastToken | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const { mechanism, token, expiry } = value as Record<string, unknown>;
  if (typeof mechanism !== "string" || typeof token !== "string" || token === "" || typeof expiry !== "string") return undefined;
  return { mechanism, token, expiry };
}
