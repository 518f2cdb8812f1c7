/**
 * PLAIN (RFC 4616), only ever chosen over TLS and only when the server offers
 * no SCRAM-SHA-1 variant (see choose-mechanism.ts).
 *
 * Why not reuse `sasl-plain` (what @xmpp/sasl-plain registers): it returns the
 * credentials as a JS string, which @xmpp/base64's btoa() then encodes as
 * Latin-1 (wrong bytes for U+0080..U+00FF) or throws on (anything wider).
 * We hand over the UTF-8 bytes as a binary string instead.
 */
import type { ExchangeCallbacks, SaslExchange } from "./sasl-exchange.js";

export interface PlainCredentials extends ExchangeCallbacks {
  readonly username: string;
  readonly password: string;
  readonly authzid?: string | null;
}

export class PlainError extends Error {
  constructor(message: string) {
    super(`PLAIN: ${message}`);
    this.name = "PlainError";
  }
}

/**
 * PLAIN announces its exchange too: a FAST token the server refused may have started one just
 * before on the same connection, and the success that follows is PLAIN's, not the token's.
 */
const NOTHING_TO_PROVE: SaslExchange = {
  name: "PLAIN",
  serverVerified: true,
  // RFC 4616 has no server message; a success payload carries nothing to check.
  final: async () => undefined,
};

export class Plain {
  declare readonly name: string;
  declare readonly clientFirst: boolean;

  response(creds: PlainCredentials): string {
    if (typeof creds?.username !== "string" || typeof creds.password !== "string") {
      throw new PlainError("username and password are required");
    }
    const message = `${creds.authzid ?? ""}\0${creds.username}\0${creds.password}`;
    creds.onExchangeStarted?.(NOTHING_TO_PROVE);
    return Buffer.from(message, "utf8").toString("latin1");
  }

  challenge(): this {
    // PLAIN has no challenges; a server sending one gets our (single) response again.
    return this;
  }
}
Object.assign(Plain.prototype, { name: "PLAIN", clientFirst: true });
