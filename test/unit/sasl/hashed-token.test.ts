import { describe, expect, it } from "vitest";

import { HashedTokenError, HtSha256Expr, HtSha256None, type HashedTokenCredentials } from "../../../src/core/sasl/hashed-token.js";
import type { SaslExchange } from "../../../src/core/sasl/sasl-exchange.js";

// Test vectors computed independently (Python hmac/hashlib) from draft-schmaus-kitten-sasl-ht as
// Prosody's mod_sasl2_fast checks it: HMAC-SHA-256(token, "Initiator" || cb-data), and the
// server's HMAC-SHA-256(token, "Responder" || cb-data).
const TOKEN = "secret-token:fast-abc";
const CB = new Uint8Array(32).fill(7);
const NONE_INITIATOR = "31a40f95e222589afb8c28c212119413c99f1530ed11458f2ccd141988ee709e";
const NONE_RESPONDER = "90fd060e34951aa445e2728bb488b74255c5b8355fea618546f7588e5427a204";
const EXPR_INITIATOR = "b4a11c77b4ae5917efdab1e4e8fa8b1421fe3176e87e86492515f8812e53e90b";
const EXPR_RESPONDER = "7095b22b2f89596cec3283ecad90707887b1e9d432216bcfae56d4210f9a735c";

/** What @xmpp/sasl2 hands final(): atob() of <additional-data>, a binary string. */
const binary = (hex: string): string => Buffer.from(hex, "hex").toString("latin1");

function creds(extra: Partial<HashedTokenCredentials> = {}): HashedTokenCredentials {
  return { username: "alice", password: TOKEN, ...extra };
}

async function rejection(promise: Promise<unknown>): Promise<HashedTokenError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(HashedTokenError);
    return error as HashedTokenError;
  }
  throw new Error("expected a rejection");
}

function thrown(run: () => unknown): HashedTokenError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(HashedTokenError);
    return error as HashedTokenError;
  }
  throw new Error("expected a throw");
}

describe("HT-SHA-256-NONE and HT-SHA-256-EXPR", () => {
  it("have the Factory-facing shape", () => {
    expect(HtSha256None.prototype.name).toBe("HT-SHA-256-NONE");
    expect(HtSha256Expr.prototype.name).toBe("HT-SHA-256-EXPR");
    expect(new HtSha256Expr().clientFirst).toBe(true);
  });

  it("NONE sends username NUL HMAC(token, Initiator) and accepts the right responder", async () => {
    const events: string[] = [];
    let started: SaslExchange | undefined;
    const mech = new HtSha256None();
    const message = mech.response(creds({ onExchangeStarted: (exchange) => (started = exchange), onServerVerified: () => events.push("verified") }));
    expect(Buffer.from(message, "latin1").toString("hex")).toBe(Buffer.from("alice\0").toString("hex") + NONE_INITIATOR);
    expect(started).toBe(mech);
    expect(mech.serverVerified).toBe(false);
    await mech.final(binary(NONE_RESPONDER));
    expect(mech.serverVerified).toBe(true);
    expect(events).toEqual(["verified"]);
  });

  it("EXPR binds both messages to the tls-exporter data", async () => {
    const mech = new HtSha256Expr();
    const message = mech.response(creds({ tlsExporter: CB }));
    expect(Buffer.from(message, "latin1").toString("hex")).toBe(Buffer.from("alice\0").toString("hex") + EXPR_INITIATOR);
    await mech.final(Buffer.from(EXPR_RESPONDER, "hex"));
    expect(mech.serverVerified).toBe(true);
  });

  it("sends the username as UTF-8", () => {
    const message = new HtSha256None().response(creds({ username: "zoë" }));
    expect(Buffer.from(message, "latin1").subarray(0, 5).toString("utf8")).toBe("zoë\0");
  });

  it("EXPR sends nothing without exporter data", () => {
    for (const tlsExporter of [undefined, new Uint8Array(0)]) {
      const mech = new HtSha256Expr();
      expect(thrown(() => mech.response(creds({ tlsExporter }))).code).toBe("missing-channel-binding");
    }
  });

  it("refuses to start without a username or token", () => {
    expect(thrown(() => new HtSha256None().response(creds({ password: "" }))).code).toBe("missing-credentials");
    expect(thrown(() => new HtSha256None().response({ username: "", password: TOKEN })).code).toBe("missing-credentials");
  });

  it("rejects a responder that does not prove the token", async () => {
    const wrong = [
      binary(NONE_INITIATOR), // the client's own message echoed back
      binary(EXPR_RESPONDER), // right token, other channel binding
      binary(NONE_RESPONDER.slice(0, -2)), // truncated
      "", // empty
      "\u20ac".repeat(32), // not a binary string at all
    ];
    for (const data of wrong) {
      const verified: string[] = [];
      const mech = new HtSha256None();
      mech.response(creds({ onServerVerified: () => verified.push("verified") }));
      expect((await rejection(mech.final(data))).code).toBe("responder-mismatch");
      expect(mech.serverVerified).toBe(false);
      expect(verified).toEqual([]);
      // A failed exchange cannot be completed afterwards with the right responder.
      expect((await rejection(mech.final(binary(NONE_RESPONDER)))).code).toBe("unexpected-message");
    }
  });

  it("EXPR rejects the NONE responder (a server that skipped the binding)", async () => {
    const mech = new HtSha256Expr();
    mech.response(creds({ tlsExporter: CB }));
    expect((await rejection(mech.final(binary(NONE_RESPONDER)))).code).toBe("responder-mismatch");
  });

  it("refuses challenges, a responder before the first message, and a second first message", async () => {
    const early = new HtSha256None();
    expect((await rejection(early.final(binary(NONE_RESPONDER)))).code).toBe("unexpected-message");

    const challenged = new HtSha256None();
    challenged.response(creds());
    expect(thrown(() => challenged.challenge()).code).toBe("unexpected-message");

    const twice = new HtSha256None();
    twice.response(creds());
    expect(thrown(() => twice.response(creds())).code).toBe("unexpected-message");
  });

  it("never puts the token in an error message", async () => {
    const mech = new HtSha256None();
    mech.response(creds());
    const error = await rejection(mech.final("wrong"));
    expect(error.message).not.toContain(TOKEN);
  });
});
