export { createWardenSasl, InsecureConnectionError, NoAcceptableMechanismError, PasswordNeededError } from "./client-auth.js";
export type { MechanismChosen, WardenSasl, WardenSaslOptions } from "./client-auth.js";
export {
  chooseFastMechanism,
  chooseMechanism,
  connectionTlsExporter,
  isFastTokenUsable,
  tlsExporterChannelBinding,
  PLAIN,
  SCRAM_SHA_1,
  SCRAM_SHA_1_PLUS,
} from "./choose-mechanism.js";
export type { FastMechanismName, MechanismChoice, MechanismChoiceInput, WardenMechanismName } from "./choose-mechanism.js";
export { DowngradeError, lostProtections, usableProtections } from "./downgrade-policy.js";
export { createFast } from "./fast.js";
export type { FastAuthArgs, FastToken } from "./fast.js";
export { HashedTokenError, HtSha256Expr, HtSha256None, HT_SHA_256_EXPR, HT_SHA_256_NONE } from "./hashed-token.js";
export type { HashedTokenCredentials, HashedTokenErrorCode } from "./hashed-token.js";
export { Plain, PlainError } from "./plain.js";
export { registerWardenMechanisms, WARDEN_MECHANISMS } from "./register-mechanisms.js";
export type { ExchangeCallbacks, SaslExchange } from "./sasl-exchange.js";
export { escapeName, ScramError, ScramSha1, ScramSha1Plus, ssdpOffer } from "./scram-sha-1.js";
export type {
  ChannelBinding,
  ChannelBindingType,
  ScramCredentials,
  ScramErrorCode,
  ScramOptions,
} from "./scram-sha-1.js";
export { readStreamOffer } from "./stream-offer.js";
export type { StreamOffer } from "./stream-offer.js";
export type { CredentialsFn, SaslFactory, SaslMechanismClass, XmppEntity } from "./xmpp-types.js";
