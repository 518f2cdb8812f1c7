import type { KeychainUnavailable } from "./keychain.js";

/** What storing a credential can fail with. `detail` never contains a secret. */
export type CredentialStoreError =
  | KeychainUnavailable
  /** A malformed JID, an empty password or a token without mechanism/token/expiry. */
  | { kind: "invalid-credential"; detail: string };
