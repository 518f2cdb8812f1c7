// A generated list reply of N clients, in the shape Prosody 13's mod_client_management sends
// (test/fixtures/manage-clients-golden/list-mixed.xml): sessions with password / password+FAST,
// some without a user agent, and OAuth grants with a bearer token, software id/version and URI.
// Every id, name and timestamp differs, so nothing is shared between entries by accident.
export const PROSODY_NS = "xmpp:prosody.im/protocol/manage-clients";

const escape = (s: string): string => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&apos;");

function timestamp(i: number): string {
  return new Date(Date.UTC(2025, 0, 1) + i * 61_000).toISOString().replace(/\.\d{3}Z$/, "Z");
}

function hex(i: number, width: number): string {
  return (i >>> 0).toString(16).padStart(width, "0").slice(-width);
}

function clientXml(i: number): string {
  const uuid = `${hex(i * 2654435761, 8)}-${hex(i, 4)}-4${hex(i * 7, 3)}-8${hex(i * 13, 3)}-${hex(i * 40503, 12)}`;
  const seen = `<first-seen>${timestamp(i)}</first-seen><last-seen>${timestamp(i + 500)}</last-seen>`;
  switch (i % 5) {
    case 0:
      return `<client type="session" connected="true" id="client/${uuid}">${seen}<auth><password/></auth><user-agent><software>Example Desktop</software><device>${escape(`Romeo's laptop ${i}`)}</device></user-agent></client>`;
    case 1:
      return `<client type="session" connected="false" id="client/${uuid}">${seen}<auth><password/><fast/></auth><user-agent><software>Conversations</software><device>Pixel ${i}</device></user-agent></client>`;
    case 2:
      return `<client type="session" connected="true" id="client/${uuid}">${seen}<auth><password/></auth><user-agent/></client>`;
    case 3:
      return `<client type="session" connected="false" id="client/R${hex(i, 11)}">${seen}<auth><password/><fast/></auth><user-agent><software>Gajim</software><device>desktop-${i}</device></user-agent></client>`;
    default:
      return `<client type="access" connected="false" id="grant/${hex(i * 31, 12)}">${seen}<auth><bearer-token/></auth><user-agent><software version="0.29.${i % 100}" id="movim-web">Movim</software><uri>https://movim.eu/</uri></user-agent></client>`;
  }
}

/** `<iq type="result">` with `n` clients, as one string (what arrives over the wire). */
export function listReplyXml(n: number): string {
  const parts: string[] = [`<iq type="result" to="romeo@localhost/WxODgbF83cSv" id="ox7ccq6fau"><clients xmlns="${PROSODY_NS}">`];
  for (let i = 0; i < n; i += 1) parts.push(clientXml(i));
  parts.push("</clients></iq>");
  return parts.join("");
}
