/**
 * What a `<stream:features>` element offers for signing in, read from the element itself: the
 * downgrade checks and XEP-0474 need the server's full lists, not the ones @xmpp/sasl{,2} filter
 * down to the mechanisms we registered.
 */
import type { XmlElement } from "../protocol/xml.js";
import { attr, childNamed, childrenNamed, textOf } from "../protocol/xml-walk.js";

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
  // @xmpp/client registers SASL2 before legacy SASL, and only one of them runs.
  const sasl2 = childNamed(features, "authentication", NS_SASL2);
  const mechanisms = sasl2 ? mechanismNames(sasl2, NS_SASL2) : legacyMechanisms(features);
  if (mechanisms === undefined) return undefined;
  const inline = sasl2 && childNamed(sasl2, "inline", NS_SASL2);
  const fast = inline && childNamed(inline, "fast", NS_FAST);
  const channelBinding = childNamed(features, "sasl-channel-binding", NS_SASL_CB);
  return {
    mechanisms,
    channelBindings: channelBinding
      ? childrenNamed(channelBinding, "channel-binding", NS_SASL_CB).flatMap((child) => attr(child, "type") || [])
      : [],
    fastMechanisms: fast ? mechanismNames(fast, NS_FAST) : undefined,
  };
}

function legacyMechanisms(features: XmlElement): string[] | undefined {
  const legacy = childNamed(features, "mechanisms", NS_SASL_LEGACY);
  return legacy && mechanismNames(legacy, NS_SASL_LEGACY);
}

function mechanismNames(parent: XmlElement, ns: string): string[] {
  return childrenNamed(parent, "mechanism", ns).flatMap((child) => textOf(child) ?? []);
}
