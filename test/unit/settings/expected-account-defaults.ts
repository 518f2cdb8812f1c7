// What a new or bare account holds, as the settings tests expect it: written out once here so a
// change to the defaults is a deliberate change to the tests too.
export const EXPECTED_ACCOUNT_DEFAULTS = {
  allowInsecureLoopback: false,
  pinnedFingerprints: [],
  protections: [],
  remember: true,
  passwordInKeychain: false,
  storedSignIn: false,
  nicknames: {},
  nicknameSync: false,
  cleanupAfterDays: null,
} as const;
