/** The server part of an XMPP address ("example.org" for "alice@example.org/phone"), as the user knows it. */
export function domainOf(jid: string): string {
  const at = jid.indexOf("@");
  return (at >= 0 ? jid.slice(at + 1) : jid).split("/")[0] ?? jid;
}
