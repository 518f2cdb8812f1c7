// The last account shown, so a relaunch can sign in with the stored token. Not a secret: the JID
// and whether to sign in on launch. Tokens stay in the OS keychain, behind the core.
const KEY = "warden.account";

export type RememberedAccount = {
  jid: string;
  /** Sign in with the stored token on launch: the user asked to be remembered and didn't sign out. */
  autoSignIn: boolean;
};

export function readRememberedAccount(): RememberedAccount | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const value: unknown = JSON.parse(raw);
    if (typeof value !== "object" || value === null) return null;
    const { jid, autoSignIn } = value as Record<string, unknown>;
    if (typeof jid !== "string" || jid.length < 3) return null;
    return { jid, autoSignIn: autoSignIn === true };
  } catch {
    return null;
  }
}

export function writeRememberedAccount(account: RememberedAccount): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(account));
  } catch {
    // Storage unavailable: the next launch asks for the address again.
  }
}

/** After signing out: keep the address for the form, but don't sign in by itself next time. */
export function forgetAutoSignIn(jid: string): void {
  writeRememberedAccount({ jid, autoSignIn: false });
}
