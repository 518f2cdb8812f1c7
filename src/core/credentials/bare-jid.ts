/**
 * The bare JID an account is known by, in the one form used for keychain keys and settings:
 * resource removed, Unicode NFC, lower-cased (XMPP localparts and domains compare
 * case-insensitively under PRECIS UsernameCaseMapped / IDNA). Null when it can't be an account JID.
 */
export function normalizeBareJid(jid: string): string | null {
  if (typeof jid !== "string") return null;
  const slash = jid.indexOf("/");
  const bare = (slash === -1 ? jid : jid.slice(0, slash)).trim().normalize("NFC").toLowerCase();
  if (bare.length < 3 || bare.length > 2047) return null;
  const at = bare.indexOf("@");
  if (at <= 0 || at !== bare.lastIndexOf("@") || at === bare.length - 1) return null;
  if (/[\s"&'<>]/u.test(bare)) return null;
  const domain = bare.slice(at + 1);
  if (domain.startsWith(".") || domain.endsWith(".") || domain.includes("..")) return null;
  return bare;
}
