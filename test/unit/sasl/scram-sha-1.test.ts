import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";

import fc from "fast-check";
import { describe, expect, it } from "vitest";

import {
  escapeName,
  ScramError,
  ScramSha1,
  ScramSha1Plus,
  ssdpOffer,
  type ScramCredentials,
} from "../../../src/core/sasl/scram-sha-1.js";

// RFC 5802 §5
const RFC_NONCE = "fyko+d2lbbFgONRv9qkxdawL";
const RFC_SERVER_FIRST = "r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096";
const RFC_CLIENT_FINAL = "c=biws,r=fyko+d2lbbFgONRv9qkxdawL3rfcNHYJY1ZVvWVs7j,p=v0X8v3Bz2T0CJGbJQyF0X+HI4Ts=";
const RFC_SERVER_FINAL = "v=rmF9pqV8S7suAoZWja4dJRkFsKQ=";
const RFC_CREDS: ScramCredentials = { username: "user", password: "pencil" };

async function rejection(promise: Promise<unknown>): Promise<ScramError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ScramError);
    return error as ScramError;
  }
  throw new Error("expected a rejection");
}

/** Independent SCRAM-SHA-1 server-side computation (RFC 5802 §3), for cross-checking. */
function independentScram(args: {
  password: string;
  salt: Buffer;
  iterations: number;
  authMessage: string;
}): { proof: string; serverSignature: string } {
  const salted = pbkdf2Sync(args.password, args.salt, args.iterations, 20, "sha1");
  const clientKey = createHmac("sha1", salted).update("Client Key").digest();
  const storedKey = createHash("sha1").update(clientKey).digest();
  const clientSignature = createHmac("sha1", storedKey).update(args.authMessage).digest();
  const proof = Buffer.from(clientKey.map((byte, index) => byte ^ (clientSignature[index] ?? 0)));
  const serverKey = createHmac("sha1", salted).update("Server Key").digest();
  return {
    proof: proof.toString("base64"),
    serverSignature: createHmac("sha1", serverKey).update(args.authMessage).digest("base64"),
  };
}

describe("SCRAM-SHA-1", () => {
  it("has the Factory-facing shape", () => {
    expect(ScramSha1.prototype.name).toBe("SCRAM-SHA-1");
    expect(ScramSha1Plus.prototype.name).toBe("SCRAM-SHA-1-PLUS");
    expect(new ScramSha1().clientFirst).toBe(true);
    expect(new ScramSha1Plus().name).toBe("SCRAM-SHA-1-PLUS");
  });

  it("reproduces the RFC 5802 §5 test vector", async () => {
    let verified = 0;
    const mech = new ScramSha1({ clientNonce: RFC_NONCE });
    expect(await mech.response({ ...RFC_CREDS, onServerVerified: () => verified++ })).toBe(
      "n,,n=user,r=fyko+d2lbbFgONRv9qkxdawL",
    );
    await mech.challenge(RFC_SERVER_FIRST);
    expect(await mech.response(RFC_CREDS)).toBe(RFC_CLIENT_FINAL);
    expect(mech.serverVerified).toBe(false);
    await mech.final(RFC_SERVER_FINAL);
    expect(mech.serverVerified).toBe(true);
    expect(verified).toBe(1);
  });

  it("accepts the server-final as a legacy <challenge> and then answers empty", async () => {
    const mech = new ScramSha1({ clientNonce: RFC_NONCE });
    await mech.response(RFC_CREDS);
    await mech.challenge(RFC_SERVER_FIRST);
    await mech.response(RFC_CREDS);
    await mech.challenge(RFC_SERVER_FINAL);
    expect(mech.serverVerified).toBe(true);
    expect(await mech.response(RFC_CREDS)).toBe("");
  });

  it("rejects a wrong server signature", async () => {
    const mech = new ScramSha1({ clientNonce: RFC_NONCE });
    await mech.response(RFC_CREDS);
    await mech.challenge(RFC_SERVER_FIRST);
    await mech.response(RFC_CREDS);
    const error = await rejection(mech.final("v=AAAAAAAAAAAAAAAAAAAAAAAAAAA="));
    expect(error.code).toBe("server-signature-mismatch");
    expect(mech.serverVerified).toBe(false);
    // A failed exchange cannot be resumed with the right signature afterwards.
    expect((await rejection(mech.final(RFC_SERVER_FINAL))).code).toBe("unexpected-message");
  });

  it("rejects a server error e= with its value", async () => {
    const mech = new ScramSha1({ clientNonce: RFC_NONCE });
    await mech.response(RFC_CREDS);
    await mech.challenge(RFC_SERVER_FIRST);
    await mech.response(RFC_CREDS);
    const error = await rejection(mech.final("e=invalid-proof"));
    expect(error.code).toBe("server-error");
    expect(error.serverError).toBe("invalid-proof");
  });

  it("rejects a server nonce that does not extend the client nonce", async () => {
    for (const serverFirst of [
      "r=somebodyElsesNonce3rfcNHYJY1ZVvWVs7j,s=QSXCR+Q6sek8bf92,i=4096",
      `r=${RFC_NONCE},s=QSXCR+Q6sek8bf92,i=4096`, // replayed: nothing added by the server
      `r=X${RFC_NONCE}abc,s=QSXCR+Q6sek8bf92,i=4096`,
    ]) {
      const mech = new ScramSha1({ clientNonce: RFC_NONCE });
      await mech.response(RFC_CREDS);
      expect((await rejection(mech.challenge(serverFirst))).code).toBe("nonce-mismatch");
    }
  });

  it("rejects iteration counts below 4096 (and absurdly high ones)", async () => {
    const low = new ScramSha1({ clientNonce: RFC_NONCE });
    await low.response(RFC_CREDS);
    const error = await rejection(low.challenge(`r=${RFC_NONCE}abc,s=QSXCR+Q6sek8bf92,i=4095`));
    expect(error.code).toBe("iteration-count-too-low");

    const high = new ScramSha1({ clientNonce: RFC_NONCE });
    await high.response(RFC_CREDS);
    expect((await rejection(high.challenge(`r=${RFC_NONCE}abc,s=QSXCR+Q6sek8bf92,i=999999999`))).code).toBe(
      "iteration-count-too-high",
    );
  });

  it("rejects malformed server-first messages and mandatory extensions", async () => {
    const cases: Array<[string, string]> = [
      ["", "malformed-server-first"],
      [`s=QSXCR+Q6sek8bf92,r=${RFC_NONCE}x,i=4096`, "malformed-server-first"],
      [`r=${RFC_NONCE}x,s=not*base64,i=4096`, "malformed-server-first"],
      [`r=${RFC_NONCE}x,s=,i=4096`, "malformed-server-first"],
      [`r=${RFC_NONCE}x,s=QSXCR+Q6sek8bf92,i=04096`, "malformed-server-first"],
      [`r=${RFC_NONCE}x,s=QSXCR+Q6sek8bf92,i=4096.5`, "malformed-server-first"],
      [`m=foo,r=${RFC_NONCE}x,s=QSXCR+Q6sek8bf92,i=4096`, "mandatory-extension"],
      ["e=other-error", "server-error"],
      ["\xff\xfe", "malformed-server-first"], // not UTF-8
    ];
    for (const [serverFirst, code] of cases) {
      const mech = new ScramSha1({ clientNonce: RFC_NONCE });
      await mech.response(RFC_CREDS);
      expect((await rejection(mech.challenge(serverFirst))).code, serverFirst).toBe(code);
    }
  });

  it("escapes = and , in the username (no SASLprep) and sends UTF-8 bytes", async () => {
    expect(escapeName("a=b,c")).toBe("a=3Db=2Cc");
    const mech = new ScramSha1({ clientNonce: "abc" });
    const first = await mech.response({ username: "ü=,", password: "x" });
    // Binary string of the UTF-8 bytes, as @xmpp/base64's btoa() needs.
    expect(Buffer.from(first, "latin1").toString("utf8")).toBe("n,,n=ü=3D=2C,r=abc");
    expect(() => btoa(first)).not.toThrow();
  });

  it("sends gs2 flag y when told the client could bind but the server offered no -PLUS", async () => {
    const mech = new ScramSha1({ clientNonce: "abc" });
    expect(await mech.response({ username: "u", password: "p", channelBindingSupported: true })).toBe("y,,n=u,r=abc");
    const withAuthz = new ScramSha1({ clientNonce: "abc" });
    expect(await withAuthz.response({ username: "u", password: "p", authzid: "ad,min" })).toBe(
      "n,a=ad=2Cmin,n=u,r=abc",
    );
  });

  it("generates a fresh random nonce per exchange, from the injected source", async () => {
    const a = await new ScramSha1().response(RFC_CREDS);
    const b = await new ScramSha1().response(RFC_CREDS);
    expect(a).not.toBe(b);
    const fixed = await new ScramSha1({ randomBytes: (size) => new Uint8Array(size).fill(0xfb) }).response(RFC_CREDS);
    expect(fixed).toBe(`n,,n=user,r=${Buffer.alloc(18, 0xfb).toString("base64")}`);
  });

  it("rejects calls out of order with the typed error", async () => {
    const mech = new ScramSha1({ clientNonce: RFC_NONCE });
    expect((await rejection(mech.challenge(RFC_SERVER_FIRST))).code).toBe("unexpected-message");
    const early = new ScramSha1({ clientNonce: RFC_NONCE });
    await early.response(RFC_CREDS);
    expect((await rejection(early.final(RFC_SERVER_FINAL))).code).toBe("unexpected-message");
  });

  it("property: arbitrary server-first garbage only ever yields ScramError", async () => {
    const garbage = fc.oneof(
      fc.string(),
      fc.string({ unit: "binary" }),
      fc.uint8Array().map((bytes) => Buffer.from(bytes).toString("latin1")),
      // Near-valid messages: right shape, fuzzed pieces.
      fc
        .tuple(fc.string(), fc.string(), fc.string(), fc.string())
        .map(([nonceTail, salt, iterations, extra]) => `r=${RFC_NONCE}${nonceTail},s=${salt},i=${iterations}${extra}`),
      fc
        .tuple(fc.base64String({ minLength: 4 }), fc.integer({ min: -10, max: 2_000_000 }))
        .map(([salt, iterations]) => `r=${RFC_NONCE}srv,s=${salt},i=${iterations}`),
    );
    await fc.assert(
      fc.asyncProperty(garbage, async (serverFirst) => {
        const mech = new ScramSha1({ clientNonce: RFC_NONCE, maxIterations: 20_000 });
        await mech.response(RFC_CREDS);
        try {
          await mech.challenge(serverFirst);
          // Accepted: then the next step must also only throw ScramError (or succeed).
          await mech.response(RFC_CREDS);
          await mech.final(serverFirst);
        } catch (error) {
          if (!(error instanceof ScramError)) throw error;
        }
      }),
      { numRuns: 400 },
    );
  });

  it("property: arbitrary server-final garbage only ever yields ScramError and never verifies", async () => {
    await fc.assert(
      fc.asyncProperty(fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.base64String().map((s) => `v=${s}`)), async (serverFinal) => {
        fc.pre(serverFinal !== RFC_SERVER_FINAL);
        const mech = new ScramSha1({ clientNonce: RFC_NONCE });
        await mech.response(RFC_CREDS);
        await mech.challenge(RFC_SERVER_FIRST);
        await mech.response(RFC_CREDS);
        const error = await rejection(mech.final(serverFinal));
        expect(error).toBeInstanceOf(ScramError);
        expect(mech.serverVerified).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it("never puts the password into error messages", async () => {
    const password = "correct horse battery staple";
    const mech = new ScramSha1({ clientNonce: RFC_NONCE });
    await mech.response({ username: "user", password });
    await mech.challenge(RFC_SERVER_FIRST);
    await mech.response({ username: "user", password });
    const error = await rejection(mech.final("v=AAAAAAAAAAAAAAAAAAAAAAAAAAA="));
    expect(`${error.message} ${error.stack ?? ""}`).not.toContain(password);
  });
});

describe("SCRAM-SHA-1-PLUS (tls-exporter)", () => {
  const cbData = randomBytes(32);
  const creds: ScramCredentials = {
    username: "juliet",
    password: "r0m30myr0m30",
    channelBinding: { type: "tls-exporter", data: cbData },
  };

  it("binds the exchange to the exporter bytes, matching an independent computation", async () => {
    const clientNonce = "clientNONCE123";
    const salt = randomBytes(16);
    const mech = new ScramSha1Plus({ clientNonce });

    const clientFirst = await mech.response(creds);
    expect(clientFirst).toBe(`p=tls-exporter,,n=juliet,r=${clientNonce}`);

    const serverFirst = `r=${clientNonce}SERVERpart,s=${salt.toString("base64")},i=10000`;
    await mech.challenge(serverFirst);
    const clientFinal = await mech.response(creds);

    const expectedC = Buffer.concat([Buffer.from("p=tls-exporter,,"), cbData]).toString("base64");
    const withoutProof = `c=${expectedC},r=${clientNonce}SERVERpart`;
    const { proof, serverSignature } = independentScram({
      password: creds.password,
      salt,
      iterations: 10000,
      authMessage: `n=juliet,r=${clientNonce},${serverFirst},${withoutProof}`,
    });
    expect(clientFinal).toBe(`${withoutProof},p=${proof}`);

    await mech.final(`v=${serverSignature}`);
    expect(mech.serverVerified).toBe(true);
  });

  it("a server with different channel binding data computes a different proof", async () => {
    const clientNonce = "n0nce";
    const salt = randomBytes(16);
    const mech = new ScramSha1Plus({ clientNonce });
    await mech.response(creds);
    const serverFirst = `r=${clientNonce}srv,s=${salt.toString("base64")},i=4096`;
    await mech.challenge(serverFirst);
    const clientFinal = await mech.response(creds);
    const otherC = Buffer.concat([Buffer.from("p=tls-exporter,,"), randomBytes(32)]).toString("base64");
    const { proof } = independentScram({
      password: creds.password,
      salt,
      iterations: 4096,
      authMessage: `n=juliet,r=${clientNonce},${serverFirst},c=${otherC},r=${clientNonce}srv`,
    });
    expect(clientFinal).not.toContain(proof);
  });

  it("refuses to start without channel binding data", async () => {
    const mech = new ScramSha1Plus({ clientNonce: "abc" });
    expect((await rejection(mech.response({ username: "u", password: "p" }))).code).toBe("missing-channel-binding");
    const empty = new ScramSha1Plus({ clientNonce: "abc" });
    const error = await rejection(
      empty.response({ username: "u", password: "p", channelBinding: { type: "tls-exporter", data: new Uint8Array(0) } }),
    );
    expect(error.code).toBe("missing-channel-binding");
  });
});

describe("XEP-0474 downgrade protection (h=)", () => {
  // Prosody's offer over TLS 1.3 with tls-server-end-point configured, in the order the
  // server lists them (a set: any order). Expected values worked out by hand from
  // mod_sasl_ssdp: names sorted, joined by U+001E, then U+001F and the sorted channel binding
  // types; SHA-1 of that, base64 (computed independently with Python's hashlib).
  const OFFERED = ["SCRAM-SHA-1-PLUS", "PLAIN", "SCRAM-SHA-1", "OAUTHBEARER"];
  const BINDINGS = ["tls-server-end-point", "tls-exporter"];
  const SSDP_TEXT = "OAUTHBEARER\u001ePLAIN\u001eSCRAM-SHA-1\u001eSCRAM-SHA-1-PLUS\u001ftls-exporter\u001etls-server-end-point";
  const SSDP_HASH = "BykYKb/HHtj4hycdAMiTZQoU5j0=";

  it("builds the text mod_sasl_ssdp hashes", () => {
    expect(ssdpOffer(OFFERED, BINDINGS)).toBe(SSDP_TEXT);
    expect(createHash("sha1").update(ssdpOffer(OFFERED, BINDINGS)).digest("base64")).toBe(SSDP_HASH);
    // Without advertised channel binding types there is no U+001F part.
    expect(ssdpOffer(["SCRAM-SHA-1", "PLAIN"], [])).toBe("PLAIN\u001eSCRAM-SHA-1");
    expect(createHash("sha1").update(ssdpOffer(["SCRAM-SHA-1", "PLAIN"], [])).digest("base64")).toBe("Y+xk2TW25vKwG9yWicfQlsuiFQs=");
  });

  function withProtection(required: boolean, verified: string[] = []): ScramCredentials {
    return {
      ...RFC_CREDS,
      downgradeProtection: { offer: SSDP_TEXT, required, onVerified: () => verified.push("h") },
    };
  }

  it("goes on when h= matches the offer, and says so", async () => {
    const verified: string[] = [];
    const creds = withProtection(true, verified);
    const mech = new ScramSha1({ clientNonce: RFC_NONCE });
    await mech.response(creds);
    await mech.challenge(`${RFC_SERVER_FIRST},h=${SSDP_HASH}`);
    expect(verified).toEqual(["h"]);
    expect(await mech.response(creds)).toMatch(/^c=biws,r=.*,p=/);
  });

  it("aborts before the client-final when h= does not match the offer", async () => {
    for (const h of ["Y+xk2TW25vKwG9yWicfQlsuiFQs=", "BykYKb/HHtj4hycdAMiTZQoU5j0", "not base64!", ""]) {
      const verified: string[] = [];
      const creds = withProtection(false, verified);
      const mech = new ScramSha1({ clientNonce: RFC_NONCE });
      await mech.response(creds);
      expect((await rejection(mech.challenge(`${RFC_SERVER_FIRST},h=${h}`))).code).toBe("downgrade-hash-mismatch");
      expect(verified).toEqual([]);
      // Nothing more is sent: the exchange is over.
      expect((await rejection(mech.response(creds))).code).toBe("unexpected-message");
    }
  });

  it("aborts without h= only when the server signed its offer before", async () => {
    const required = new ScramSha1({ clientNonce: RFC_NONCE });
    await required.response(withProtection(true));
    expect((await rejection(required.challenge(RFC_SERVER_FIRST))).code).toBe("downgrade-hash-missing");

    const verified: string[] = [];
    const optional = new ScramSha1({ clientNonce: RFC_NONCE });
    await optional.response(withProtection(false, verified));
    await optional.challenge(RFC_SERVER_FIRST);
    expect(await optional.response(RFC_CREDS)).toBe(RFC_CLIENT_FINAL);
    expect(verified).toEqual([]);
  });

  it("refuses two h= attributes", async () => {
    const mech = new ScramSha1({ clientNonce: RFC_NONCE });
    await mech.response(withProtection(false));
    expect((await rejection(mech.challenge(`${RFC_SERVER_FIRST},h=${SSDP_HASH},h=${SSDP_HASH}`))).code).toBe("malformed-server-first");
  });
});
