export { createWardenSasl, findTlsSocket, InsecureConnectionError, NoAcceptableMechanismError, PasswordNeededError } from "./client-auth.js";
export type { WardenSasl, WardenSaslOptions } from "./client-auth.js";
export {
  chooseMechanism,
  tlsExporterChannelBinding,
  PLAIN,
  SCRAM_SHA_1,
  SCRAM_SHA_1_PLUS,
} from "./choose-mechanism.js";
export type { MechanismChoice, MechanismChoiceInput, WardenMechanismName } from "./choose-mechanism.js";
export { Plain, PlainError } from "./plain.js";
export { registerWardenMechanisms, WARDEN_MECHANISMS } from "./register-mechanisms.js";
export { escapeName, ScramError, ScramSha1, ScramSha1Plus } from "./scram-sha-1.js";
export type {
  ChannelBinding,
  ChannelBindingType,
  ScramCredentials,
  ScramErrorCode,
  ScramExchange,
  ScramOptions,
} from "./scram-sha-1.js";
export type { CredentialsFn, SaslFactory, SaslMechanismClass, XmppEntity } from "./xmpp-types.js";
