/**
 * What every Warden mechanism reports to client-auth.ts, so that a "success" the server never
 * proved is refused whatever the mechanism: @xmpp/sasl (legacy) drops the `<success>` payload and
 * @xmpp/sasl2 only calls `final()` when `<additional-data>` is present.
 */
export interface SaslExchange {
  /** The mechanism's name, to say what the server failed to prove. */
  readonly name: string;
  /** True once the server proved it knows the secret, or when there is nothing it could prove (PLAIN). */
  readonly serverVerified: boolean;
  /** The server's last message (SASL2 `<additional-data>`, legacy `<success>` payload). */
  final(data: string | Uint8Array): Promise<void>;
}

/** Callbacks client-auth.ts puts into the `creds` object @xmpp/sasl{,2} hand to every mechanism. */
export interface ExchangeCallbacks {
  /** Called as the mechanism sends its first message; the last one called is the one a success is about. */
  readonly onExchangeStarted?: (exchange: SaslExchange) => void;
  /** Called once the server's proof was checked. */
  readonly onServerVerified?: () => void;
}
