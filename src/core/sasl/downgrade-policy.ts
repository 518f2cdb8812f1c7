/**
 * Downgrade policy, kept pure: what the server's sign-in offer lets Warden use on this connection,
 * and which protections an account's server showed before are missing now. The certificate
 * protection ("ca-verified-certificate") is decided by the TLS layer, not here.
 */
import { PROTECTIONS, type Protection } from "../../shared/account-state.js";
import { HT_SHA_256_EXPR } from "./hashed-token.js";
import { SCRAM_SHA_1, SCRAM_SHA_1_PLUS } from "./choose-mechanism.js";
import type { StreamOffer } from "./stream-offer.js";

/** The server offers less than it did before; no proof of the password or token was sent. */
export class DowngradeError extends Error {
  readonly lost: Protection[];

  constructor(lost: readonly Protection[]) {
    super(`The server offers less protection than it did before (missing: ${lost.join(", ")}); signing in stopped before any proof of the password or token was sent.`);
    this.name = "DowngradeError";
    this.lost = [...lost];
  }
}

export interface OfferOnConnection {
  readonly offer: StreamOffer;
  /** tls-exporter data of this connection; undefined without TLS 1.3 (see choose-mechanism.ts). */
  readonly tlsExporter: Uint8Array | undefined;
}

/**
 * SASL-level protections this offer has and Warden can use here. "downgrade-protection" is not
 * among them: only a SCRAM exchange shows it (a valid XEP-0474 `h=`).
 */
export function usableProtections({ offer, tlsExporter }: OfferOnConnection): Protection[] {
  const exporter = tlsExporter !== undefined && tlsExporter.length > 0;
  const channelBinding = exporter && offer.mechanisms.includes(SCRAM_SHA_1_PLUS) && offer.channelBindings.includes("tls-exporter");
  const usable: Protection[] = [];
  if (channelBinding || offer.mechanisms.includes(SCRAM_SHA_1)) usable.push("scram");
  if (channelBinding) usable.push("channel-binding");
  if (exporter && offer.fastMechanisms?.includes(HT_SHA_256_EXPR)) usable.push("fast-channel-binding");
  return usable;
}

/**
 * What `remembered` has and this offer cannot give, in PROTECTIONS order; empty when nothing is
 * lost. A server that stopped offering FAST altogether has not downgraded FAST (the password is
 * then the way in, and what protects it is checked too); one that still offers FAST but no
 * longer with channel binding has.
 */
export function lostProtections(remembered: readonly Protection[], connection: OfferOnConnection): Protection[] {
  const usable = new Set(usableProtections(connection));
  const lost = new Set<Protection>();
  for (const protection of remembered) {
    if (protection === "scram" || protection === "channel-binding") {
      if (!usable.has(protection)) lost.add(protection);
    } else if (protection === "fast-channel-binding") {
      if (connection.offer.fastMechanisms !== undefined && !usable.has(protection)) lost.add(protection);
    } else if (protection === "downgrade-protection") {
      // Without SCRAM no exchange can carry the server's signed mechanism list.
      if (!usable.has("scram")) lost.add(protection);
    }
  }
  return PROTECTIONS.filter((protection) => lost.has(protection));
}
