/**
 * What a `<stream:features>` element offers for signing in, read from the element itself: the
 * downgrade checks and XEP-0474 need the server's full lists, not the ones @xmpp/sasl{,2} filter
 * down to the mechanisms we registered.
 */
import type { XmlElement } from "./xmpp-types.js";

const NS_SASL2 = "urn:xmpp:sasl:2";
const NS_SASL_LEGACY = "urn:ietf:params:xml:ns:xmpp-sasl";
const NS_SASL_CB = "urn:xmpp:sasl-cb:0";
const NS_FAST = "urn:xmpp:fast:0";

export interface StreamOffer {
  /** SASL mechanisms of the profile @xmpp/client will use: SASL2 when offered, else legacy SASL. */
  readonly mechanisms: readonly string[];
  /** Channel binding types advertised with XEP-0440; empty when not advertised. */
  readonly channelBindings: readonly string[];
  /** FAST (XEP-0484) mechanisms inlined in SASL2; undefined when the server offers no FAST. */
  readonly fastMechanisms: readonly string[] | undefined;
}

/** The sign-in offer of a features element, or undefined when it offers no SASL at all. */
export function readStreamOffer(features: XmlElement): StreamOffer | undefined {
  const sasl2 = features.getChild("authentication", NS_SASL2);
  // @xmpp/client registers SASL2 before legacy SASL, and only one of them runs.
  const saslOffer = sasl2 ?? features.getChild("mechanisms", NS_SASL_LEGACY);
  if (!saslOffer) return undefined;
  const fast = sasl2?.getChild("inline")?.getChild("fast", NS_FAST);
  return {
    mechanisms: mechanismNames(saslOffer),
    channelBindings:
      features
        .getChild("sasl-channel-binding", NS_SASL_CB)
        ?.getChildren("channel-binding")
        .map((child) => child.attrs.type)
        .filter((type): type is string => typeof type === "string" && type !== "") ?? [],
    fastMechanisms: fast ? mechanismNames(fast) : undefined,
  };
}

function mechanismNames(parent: XmlElement): string[] {
  return parent
    .getChildren("mechanism")
    .map((child) => child.text().trim())
    .filter((name) => name !== "");
}
