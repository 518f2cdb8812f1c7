import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";
import { EventEmitter } from "node:events";
import type { Element } from "ltx";

import { describe, expect, it } from "vitest";

import SASLError from "@xmpp/sasl/lib/SASLError.js";

import type { Protection } from "../../../src/shared/account-state.js";
import { createWardenSasl, InsecureConnectionError, NoAcceptableMechanismError, PasswordNeededError } from "../../../src/core/sasl/client-auth.js";
import { DowngradeError } from "../../../src/core/sasl/downgrade-policy.js";
import { createFast, type FastAuthArgs, type FastToken } from "../../../src/core/sasl/fast.js";
import { HashedTokenError } from "../../../src/core/sasl/hashed-token.js";
import { registerWardenMechanisms } from "../../../src/core/sasl/register-mechanisms.js";
import { Plain } from "../../../src/core/sasl/plain.js";
import { ScramError, ScramSha1, ScramSha1Plus, ssdpOffer } from "../../../src/core/sasl/scram-sha-1.js";
import type { AuthenticateFn, SaslFactory } from "../../../src/core/sasl/xmpp-types.js";
import { xml, type XmlElement } from "../../../src/core/protocol/xml.js";
import { isNamed } from "../../../src/core/protocol/xml-walk.js";

// Untyped JS packages: load dynamically and describe just what we use.
type ClientFactory = (options: Record<string, unknown>) => EventEmitter & {
  saslFactory: SaslFactory;
  isSecure(): boolean;
  socket: unknown;
  prependListener(event: "element", listener: (element: XmlElement) => void): unknown;
  removeListener(event: "element", listener: (element: XmlElement) => void): unknown;
};
const xmppClient = (await import("@xmpp/client" as string)) as { client: ClientFactory };
const SaslFactoryClass = ((await import("saslmechanisms" as string)) as { default: new () => SaslFactory }).default;

const NS_SASL = "urn:ietf:params:xml:ns:xmpp-sasl";

/** Tiny independent SCRAM-SHA-1 server (RFC 5802 server side), over the fake wire. */
function scramServer(password: string, options: { lieAboutSignature?: boolean; h?: string } = {}) {
  const salt = randomBytes(16);
  const iterations = 4096;
  const salted = pbkdf2Sync(password, salt, iterations, 20, "sha1");
  let clientFirstBare = "";
  let serverFirst = "";
  return {
    first(clientFirst: string): string {
      const match = /^[ny],,(n=[^,]*,r=([^,]*))$/.exec(clientFirst);
      if (!match?.[1] || !match[2]) throw new Error(`bad client-first ${clientFirst}`);
      clientFirstBare = match[1];
      serverFirst = `r=${match[2]}SRV${randomBytes(6).toString("hex")},s=${salt.toString("base64")},i=${iterations}${options.h === undefined ? "" : `,h=${options.h}`}`;
      return serverFirst;
    },
    final(clientFinal: string): string {
      const withoutProof = clientFinal.replace(/,p=[^,]*$/, "");
      const proof = Buffer.from(/,p=([^,]*)$/.exec(clientFinal)?.[1] ?? "", "base64");
      const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
      const clientKey = createHmac("sha1", salted).update("Client Key").digest();
      const storedKey = createHash("sha1").update(clientKey).digest();
      const clientSignature = createHmac("sha1", storedKey).update(authMessage).digest();
      const recovered = Buffer.from(proof.map((byte, index) => byte ^ (clientSignature[index] ?? 0)));
      const recoveredStored = createHash("sha1").update(recovered).digest();
      if (!timingSafeEqual(recoveredStored, storedKey)) return "e=invalid-proof";
      const serverKey = createHmac("sha1", options.lieAboutSignature ? Buffer.alloc(20) : salted)
        .update("Server Key")
        .digest();
      return `v=${createHmac("sha1", serverKey).update(authMessage).digest("base64")}`;
    },
  };
}

type Wire = "legacy" | "sasl2" | "sasl2-without-additional-data";

/**
 * Fake entity + an `authenticate` that drives mechanisms the way @xmpp/sasl
 * and @xmpp/sasl2 do (Factory.create, spread creds, btoa/atob wire format).
 */
function harness(wire: Wire, server: ReturnType<typeof scramServer>) {
  const entity = Object.assign(new EventEmitter(), {
    saslFactory: new SaslFactoryClass(),
    isSecure: (): boolean => true,
    socket: {},
  });
  const authenticate: AuthenticateFn = async (credentials, mechanism) => {
    const mech = entity.saslFactory.create([mechanism]);
    if (!mech) throw new Error(`no ${mechanism}`);
    const creds = { username: null, password: null, server: "localhost", ...credentials };
    const first = atob(btoa(await mech.response(creds)));
    await mech.challenge(server.first(first));
    const serverFinal = server.final(await mech.response(creds));
    if (serverFinal.startsWith("e=")) throw new Error("not-authorized");
    if (wire === "legacy") {
      // @xmpp/sasl emits <success> and ignores its payload.
      entity.emit("element", xml("success", { xmlns: NS_SASL }, btoa(serverFinal)));
    } else if (wire === "sasl2") {
      await mech.final?.(serverFinal);
    }
  };
  return { entity, authenticate };
}


describe("createWardenSasl", () => {
  for (const wire of ["legacy", "sasl2"] as const) {
    it(`signs in with SCRAM-SHA-1 over ${wire} and verifies the server`, async () => {
      const chosen: string[] = [];
      const sasl = createWardenSasl({
        username: "alice",
        password: () => "s3cret",
        remembered: [],
        onMechanismChosen: ({ mechanism }) => chosen.push(mechanism),
      });
      const { entity, authenticate } = harness(wire, scramServer("s3cret"));
      sasl.attach(entity);
      await sasl.credentials(authenticate, ["SCRAM-SHA-1-PLUS", "SCRAM-SHA-1", "PLAIN"], null, entity);
      expect(chosen).toEqual(["SCRAM-SHA-1"]);
    });

    it(`rejects a forged server signature over ${wire}`, async () => {
      const sasl = createWardenSasl({ username: "alice", remembered: [], password: () => "s3cret" });
      const { entity, authenticate } = harness(wire, scramServer("s3cret", { lieAboutSignature: true }));
      sasl.attach(entity);
      const error = await sasl
        .credentials(authenticate, ["SCRAM-SHA-1", "PLAIN"], null, entity)
        .then(() => undefined, (caught: unknown) => caught);
      expect(error).toBeInstanceOf(ScramError);
      expect((error as ScramError).code).toBe("server-signature-mismatch");
    });
  }

  it("fails closed when success arrives without a server-final message", async () => {
    const sasl = createWardenSasl({ username: "alice", remembered: [], password: () => "s3cret" });
    const { entity, authenticate } = harness("sasl2-without-additional-data", scramServer("s3cret"));
    sasl.attach(entity);
    const error = await sasl
      .credentials(authenticate, ["SCRAM-SHA-1"], null, entity)
      .then(() => undefined, (caught: unknown) => caught);
    expect((error as ScramError).code).toBe("server-signature-missing");
  });

  it("sends nothing over an unencrypted connection unless plaintext was allowed", async () => {
    const sasl = createWardenSasl({ username: "alice", remembered: [], password: () => "x" });
    const { entity, authenticate } = harness("sasl2", scramServer("x"));
    entity.isSecure = () => false;
    await expect(sasl.credentials(authenticate, ["SCRAM-SHA-1"], null, entity)).rejects.toBeInstanceOf(InsecureConnectionError);
  });

  it("asks for the password when it has neither a password nor a token", async () => {
    const sasl = createWardenSasl({ username: "alice", remembered: [], password: () => undefined, token: () => undefined });
    const { entity, authenticate } = harness("sasl2", scramServer("x"));
    await expect(sasl.credentials(authenticate, ["SCRAM-SHA-1"], { mechanism: "HT-SHA-256-NONE" }, entity)).rejects.toBeInstanceOf(
      PasswordNeededError,
    );
  });

  it("throws a typed error when nothing acceptable is offered", async () => {
    const sasl = createWardenSasl({ username: "alice", remembered: [], password: () => "x", allowInsecure: true });
    const { entity, authenticate } = harness("sasl2", scramServer("x"));
    entity.isSecure = () => false;
    await expect(sasl.credentials(authenticate, ["PLAIN"], null, entity)).rejects.toBeInstanceOf(
      NoAcceptableMechanismError,
    );
  });

  it("records advertised channel bindings from stream features", async () => {
    // No TLS socket in the fake, so -PLUS is impossible: expect SCRAM-SHA-1 with "n"
    // (the server offered -PLUS, so "y" would be refused).
    const sasl = createWardenSasl({ username: "alice", remembered: [], password: () => "s3cret" });
    const server = scramServer("s3cret");
    const seen: string[] = [];
    const { entity, authenticate } = harness("sasl2", {
      first: (clientFirst) => {
        seen.push(clientFirst.slice(0, 3));
        return server.first(clientFirst);
      },
      final: server.final,
    });
    sasl.attach(entity);
    entity.emit(
      "element",
      xml(
        "features",
        { xmlns: "http://etherx.jabber.org/streams" },
        xml("sasl-channel-binding", { xmlns: "urn:xmpp:sasl-cb:0" }, xml("channel-binding", { type: "tls-exporter" })),
      ),
    );
    await sasl.credentials(authenticate, ["SCRAM-SHA-1-PLUS", "SCRAM-SHA-1"], null, entity);
    expect(seen).toEqual(["n,,"]);
  });
});

describe("onAuthenticated", () => {
  /**
   * Over SASL2 the server sends `<success>` and, right behind it, the features of the
   * authenticated stream: both are handled before @xmpp/sasl2 returns to the credentials function.
   */
  function sasl2WithFeatures(password: string, options: { lieAboutSignature?: boolean } = {}) {
    const server = scramServer(password, options);
    const { entity } = harness("sasl2", server);
    const authenticate: AuthenticateFn = async (credentials, mechanism) => {
      const mech = entity.saslFactory.create([mechanism]);
      if (!mech) throw new Error(`no ${mechanism}`);
      const creds = { username: null, password: null, ...credentials };
      await mech.challenge(server.first(await mech.response(creds)));
      const serverFinal = server.final(await mech.response(creds));
      entity.emit("element", xml("success", { xmlns: NS_SASL2 }));
      // @xmpp/sasl2 reads <additional-data> as the <success> arrives (the check itself runs at
      // once), then the features follow; a forged signature fails the procedure after that.
      const verifying = Promise.resolve(mech.final?.(serverFinal));
      verifying.catch(() => undefined);
      entity.emit("element", features({}));
      await verifying;
    };
    return { entity, authenticate };
  }

  it("is called once, before the features after a SASL2 success are acted on", async () => {
    const events: string[] = [];
    const sasl = createWardenSasl({ username: "alice", remembered: [], password: () => "s3cret", onAuthenticated: () => events.push("authenticated") });
    const { entity, authenticate } = sasl2WithFeatures("s3cret");
    sasl.attach(entity);
    // Like the middleware: registered after attach, it sees every element after Warden does.
    entity.on("element", (element: XmlElement) => {
      if (isNamed(element, "features", NS_STREAMS)) events.push("features acted on");
    });
    entity.emit("element", features({ sasl2: ["SCRAM-SHA-1"] }));
    events.length = 0;
    await sasl.credentials(authenticate, ["SCRAM-SHA-1"], null, entity).catch(() => undefined);
    expect(events).toEqual(["authenticated", "features acted on"]);
  });

  it("is not called when the server's signature is forged, whenever the features come", async () => {
    const events: string[] = [];
    const sasl = createWardenSasl({ username: "alice", remembered: [], password: () => "s3cret", onAuthenticated: () => events.push("authenticated") });
    const { entity, authenticate } = sasl2WithFeatures("s3cret", { lieAboutSignature: true });
    sasl.attach(entity);
    entity.emit("element", features({ sasl2: ["SCRAM-SHA-1"] }));
    const outcome = await sasl.credentials(authenticate, ["SCRAM-SHA-1"], null, entity).then(() => undefined, (error: unknown) => error);
    expect((outcome as ScramError).code).toBe("server-signature-mismatch");
    expect(events).toEqual([]);
  });
});

describe("registerWardenMechanisms", () => {
  it("replaces @xmpp/client's bundled mechanisms, in preference order", () => {
    const xmpp = xmppClient.client({ service: "xmpp://127.0.0.1:1", domain: "localhost" });
    expect(xmpp.saslFactory.create(["ANONYMOUS"])).not.toBeNull();
    const sasl = createWardenSasl({ username: "u", remembered: [], password: () => "p" });
    const detach = sasl.attach(xmpp);
    expect(xmpp.saslFactory.create(["ANONYMOUS"])).toBeNull();
    expect(xmpp.saslFactory.create(["PLAIN", "SCRAM-SHA-1"])).toBeInstanceOf(ScramSha1);
    expect(xmpp.saslFactory.create(["SCRAM-SHA-1", "SCRAM-SHA-1-PLUS"])).toBeInstanceOf(ScramSha1Plus);
    expect(xmpp.saslFactory.create(["PLAIN"])).toBeInstanceOf(Plain);
    detach();
  });

  it("works on a bare saslmechanisms Factory", async () => {
    const factory = new SaslFactoryClass();
    registerWardenMechanisms(factory);
    expect(factory.create(["PLAIN", "SCRAM-SHA-1"])?.name).toBe("SCRAM-SHA-1");
    expect(factory.create(["SCRAM-SHA-1-PLUS", "SCRAM-SHA-1"])?.name).toBe("SCRAM-SHA-1-PLUS");
    const plain = factory.create(["PLAIN"]);
    expect(plain && Buffer.from(await plain.response({ username: "ü", password: "p€" }), "latin1").toString("utf8")).toBe(
      "\0ü\0p€",
    );
  });
});

const NS_STREAMS = "http://etherx.jabber.org/streams";
const NS_SASL2 = "urn:xmpp:sasl:2";
const NS_FAST = "urn:xmpp:fast:0";

interface Offer {
  sasl2?: string[];
  legacy?: string[];
  bindings?: string[];
  fast?: string[];
}

/** A <stream:features> element as Prosody sends it. */
function features(offer: Offer): XmlElement {
  const mechanism = (name: string) => xml("mechanism", {}, name);
  return xml(
    "features",
    { xmlns: NS_STREAMS },
    offer.sasl2 &&
      xml(
        "authentication",
        { xmlns: NS_SASL2 },
        ...offer.sasl2.map(mechanism),
        offer.fast && xml("inline", {}, xml("fast", { xmlns: NS_FAST }, ...offer.fast.map(mechanism))),
      ),
    offer.legacy && xml("mechanisms", { xmlns: NS_SASL }, ...offer.legacy.map(mechanism)),
    offer.bindings &&
      xml("sasl-channel-binding", { xmlns: "urn:xmpp:sasl-cb:0" }, ...offer.bindings.map((type) => xml("channel-binding", { type }))),
  );
}

const sha1Base64 = (text: string) => createHash("sha1").update(text).digest("base64");

describe("downgrades", () => {
  const PLAIN_ONLY: Offer = { sasl2: ["PLAIN"] };
  const SCRAM: Offer = { sasl2: ["PLAIN", "SCRAM-SHA-1"] };

  /** Runs a password sign-in against `offer`; records whether anything reached the server. */
  async function signIn(offer: Offer, remembered: Protection[], server = scramServer("s3cret")) {
    const seen: (readonly Protection[])[] = [];
    let passwordRead = false;
    const sasl = createWardenSasl({
      username: "alice",
      password: () => {
        passwordRead = true;
        return "s3cret";
      },
      remembered,
      onAuthenticated: (protections) => seen.push(protections),
    });
    let sent = 0;
    const { entity, authenticate } = harness("sasl2", server);
    sasl.attach(entity);
    entity.emit("element", features(offer));
    const counting: AuthenticateFn = (...args) => {
      sent++;
      return authenticate(...args);
    };
    const offered = [...(offer.sasl2 ?? offer.legacy ?? [])];
    const outcome = await sasl.credentials(counting, offered, null, entity).then(
      () => undefined,
      (error: unknown) => error,
    );
    return { outcome, seen, sent, passwordRead };
  }

  it("refuses PLAIN, before reading or sending the password, when SCRAM was seen before", async () => {
    const { outcome, sent, passwordRead, seen } = await signIn(PLAIN_ONLY, ["scram"]);
    expect(outcome).toBeInstanceOf(DowngradeError);
    expect((outcome as DowngradeError).lost).toEqual(["scram"]);
    expect({ sent, passwordRead, seen }).toEqual({ sent: 0, passwordRead: false, seen: [] });
  });

  it("lists every lost protection at once", async () => {
    const { outcome } = await signIn({ sasl2: ["PLAIN"], fast: ["HT-SHA-256-NONE"] }, ["scram", "channel-binding", "fast-channel-binding", "downgrade-protection"]);
    expect((outcome as DowngradeError).lost).toEqual(["scram", "channel-binding", "fast-channel-binding", "downgrade-protection"]);
  });

  it("refuses an offer without channel binding once it was seen (no exporter data here)", async () => {
    const { outcome, sent } = await signIn({ sasl2: ["SCRAM-SHA-1-PLUS", "SCRAM-SHA-1"], bindings: ["tls-exporter"] }, ["scram", "channel-binding"]);
    expect((outcome as DowngradeError).lost).toEqual(["channel-binding"]);
    expect(sent).toBe(0);
  });

  it("does not count a server without FAST as a FAST downgrade", async () => {
    const { outcome, seen } = await signIn(SCRAM, ["scram", "fast-channel-binding"]);
    expect(outcome).toBeUndefined();
    expect(seen).toEqual([["scram"]]);
  });

  it("signs in with PLAIN over TLS when nothing was remembered, as before", async () => {
    const sasl = createWardenSasl({ username: "alice", remembered: [], password: () => "pw" });
    const entity = harness("sasl2", scramServer("pw")).entity;
    sasl.attach(entity);
    entity.emit("element", features(PLAIN_ONLY));
    const used: string[] = [];
    await sasl.credentials(
      async (credentials, mechanism) => {
        const mech = entity.saslFactory.create([mechanism]);
        used.push(mechanism);
        await mech?.response(credentials);
      },
      ["PLAIN"],
      null,
      entity,
    );
    expect(used).toEqual(["PLAIN"]);
  });

  it("checks h= against the full offer from the features, not the mechanisms we support", async () => {
    const offer: Offer = { sasl2: ["SCRAM-SHA-1", "PLAIN", "OAUTHBEARER", "X-UNKNOWN"], bindings: ["tls-server-end-point"] };
    const h = sha1Base64("OAUTHBEARER\u001ePLAIN\u001eSCRAM-SHA-1\u001eX-UNKNOWN\u001ftls-server-end-point");
    expect(h).toBe(sha1Base64(ssdpOffer(offer.sasl2 ?? [], offer.bindings ?? [])));
    const { outcome, seen } = await signIn(offer, [], scramServer("s3cret", { h }));
    expect(outcome).toBeUndefined();
    expect(seen).toEqual([["scram", "downgrade-protection"]]);
  });

  it("refuses a wrong h= as a downgrade, remembered or not, before the client-final", async () => {
    const finals: string[] = [];
    const server = scramServer("s3cret", { h: sha1Base64("PLAIN\u001eSCRAM-SHA-1\u001eSCRAM-SHA-1-PLUS") });
    const { outcome, seen } = await signIn(SCRAM, [], {
      first: server.first,
      final: (clientFinal) => {
        finals.push(clientFinal);
        return server.final(clientFinal);
      },
    });
    expect(outcome).toBeInstanceOf(DowngradeError);
    expect((outcome as DowngradeError).lost).toEqual(["downgrade-protection"]);
    expect(finals).toEqual([]);
    expect(seen).toEqual([]);
  });

  it("refuses a missing h= once the server signed its offer before", async () => {
    const { outcome, seen } = await signIn(SCRAM, ["scram", "downgrade-protection"]);
    expect((outcome as DowngradeError).lost).toEqual(["downgrade-protection"]);
    expect(seen).toEqual([]);
  });

  it("reports nothing when the server signature is wrong", async () => {
    const { outcome, seen } = await signIn(SCRAM, [], scramServer("s3cret", { lieAboutSignature: true }));
    expect((outcome as ScramError).code).toBe("server-signature-mismatch");
    expect(seen).toEqual([]);
  });

  it("reads the legacy offer when there is no SASL2", async () => {
    const h = sha1Base64("PLAIN\u001eSCRAM-SHA-1");
    const { outcome, seen } = await signIn({ legacy: ["SCRAM-SHA-1", "PLAIN"] }, [], scramServer("s3cret", { h }));
    expect(outcome).toBeUndefined();
    expect(seen).toEqual([["scram", "downgrade-protection"]]);
  });
});

/** Computes what Prosody's HT-SHA-256-NONE backend would (mod_sasl2_fast). */
const ht = (token: string, label: string) => createHmac("sha256", token).update(label).digest();

type TokenReply = "accept" | "refuse" | "no-additional-data" | "wrong-responder";

/**
 * A stand-in for @xmpp/sasl2 (whose stream-features plumbing needs a live stream) driving the
 * real FAST module the way sasl2's `done` does: FAST first, then the password, with the inline
 * elements FAST may have added. The "server" is a fake: HT-SHA-256-NONE per mod_sasl2_fast,
 * SCRAM per RFC 5802, and a token in the success when one was asked for.
 */
function fastHarness(options: { offer: Offer; tokenReply?: TokenReply; passwordWire?: "sasl2" | "sasl2-without-additional-data"; password?: string }) {
  const serverToken = "secret-token:fast-server";
  const entity = Object.assign(new EventEmitter(), {
    saslFactory: new SaslFactoryClass(),
    isSecure: (): boolean => true,
    socket: {},
  });
  const inlineFeatures = new Map<string, [(element: XmlElement) => unknown, (element: XmlElement) => unknown]>();
  const fast = createFast({ sasl2: { use: (ns, onOffered, onSuccessChild) => inlineFeatures.set(ns, [onOffered, onSuccessChild]) }, entity });
  const saved: string[] = [];
  const deleted: number[] = [];
  fast.saveToken = async (token) => {
    saved.push(token.mechanism);
  };
  fast.deleteToken = async () => {
    deleted.push(1);
  };
  const scram = scramServer(options.password ?? "s3cret");
  const authenticates: { mechanism: string; inline: string[] }[] = [];

  const sasl2Authenticate: FastAuthArgs["authenticate"] = async ({ saslFactory, mechanism, credentials, streamFeatures }) => {
    const mech = (saslFactory as SaslFactory).create([mechanism]);
    if (!mech) throw new Error(`no ${mechanism}`);
    const creds = { username: null, password: null, ...credentials };
    const inline = (streamFeatures as (Element | undefined)[]).filter((child): child is Element => child !== undefined);
    authenticates.push({ mechanism, inline: inline.map((child) => (child.attrs.mechanism ? `${child.name}:${child.attrs.mechanism}` : child.name)) });
    const first = Buffer.from(await mech.response(creds), "latin1");
    if (mechanism === "HT-SHA-256-NONE") {
      const known = Buffer.concat([Buffer.from("alice\0"), ht(serverToken, "Initiator")]);
      if (options.tokenReply === "refuse" || !first.equals(known)) throw new SASLError("not-authorized");
      if (options.tokenReply === "accept") await mech.final?.(ht(serverToken, "Responder").toString("latin1"));
      if (options.tokenReply === "wrong-responder") await mech.final?.(ht("another token", "Responder").toString("latin1"));
    } else if (mechanism === "PLAIN") {
      if (first.toString() !== `\0alice\0${options.password ?? "s3cret"}`) throw new SASLError("not-authorized");
    } else {
      await mech.challenge(scram.first(first.toString("latin1")));
      const serverFinal = scram.final(await mech.response(creds));
      if (serverFinal.startsWith("e=")) throw new SASLError("not-authorized");
      if (options.passwordWire !== "sasl2-without-additional-data") await mech.final?.(serverFinal);
    }
    // Success: a token when one was asked for (or the one signed in with is rotated).
    const requested = inline.find((child) => child.is("request-token", NS_FAST));
    if (requested) inlineFeatures.get(NS_FAST)?.[1](xml("token", { xmlns: NS_FAST, token: "secret-token:fast-new", expiry: "2099-01-01T00:00:00Z" }));
  };

  const done: AuthenticateFn = async (credentials, mechanism, userAgent) => {
    const inline: unknown[] = [];
    // @xmpp/sasl2 passes our credentials object through as it is.
    const args = { authenticate: sasl2Authenticate, entity, userAgent, credentials: credentials as Record<string, unknown>, streamFeatures: inline, features: inlineFeatures };
    if (await fast.auth(args)) return;
    await sasl2Authenticate({ ...args, saslFactory: entity.saslFactory, mechanism });
  };

  const storedToken: FastToken = { mechanism: "HT-SHA-256-NONE", token: serverToken, expiry: "2099-01-01T00:00:00Z" };
  return { entity, fast, done, authenticates, saved, deleted, storedToken, offer: options.offer };
}

describe("FAST through client-auth", () => {
  const OFFER: Offer = { sasl2: ["PLAIN", "SCRAM-SHA-1"], fast: ["HT-SHA-256-NONE"] };

  async function run(
    h: ReturnType<typeof fastHarness>,
    options: { password?: string; token?: FastToken; remembered?: Protection[] },
  ) {
    const seen: (readonly Protection[])[] = [];
    const chosen: unknown[] = [];
    const sasl = createWardenSasl({
      username: "alice",
      password: () => options.password,
      token: () => options.token,
      remembered: options.remembered ?? [],
      onAuthenticated: (protections) => seen.push(protections),
      onMechanismChosen: (info) => chosen.push(info),
    });
    sasl.attach(h.entity);
    h.entity.emit("element", features(h.offer));
    const outcome = await sasl.credentials(h.done, h.offer.sasl2 ?? [], h.fast.mechanism ? h.fast : null, h.entity).then(
      () => undefined,
      (error: unknown) => error,
    );
    return { outcome, seen, chosen };
  }

  it("signs in with the token alone once the server proved it knows it", async () => {
    const h = fastHarness({ offer: OFFER, tokenReply: "accept" });
    const { outcome, seen, chosen } = await run(h, { token: h.storedToken });
    expect(outcome).toBeUndefined();
    expect(h.authenticates).toEqual([{ mechanism: "HT-SHA-256-NONE", inline: ["fast"] }]);
    expect(seen).toEqual([["scram"]]);
    expect(chosen).toEqual([{ mechanism: "SCRAM-SHA-1", channelBinding: false, fastTokenFirst: true, fastMechanism: "HT-SHA-256-NONE" }]);
  });

  it("refuses a success without the responder, and does not fall back to the password", async () => {
    const h = fastHarness({ offer: OFFER, tokenReply: "no-additional-data" });
    const { outcome, seen } = await run(h, { token: h.storedToken, password: "s3cret" });
    expect(outcome).toBeInstanceOf(HashedTokenError);
    expect((outcome as HashedTokenError).code).toBe("responder-missing");
    expect((outcome as Error).message).toContain("server did not prove it knows the token");
    expect(h.authenticates.map((a) => a.mechanism)).toEqual(["HT-SHA-256-NONE"]);
    expect(seen).toEqual([]);
  });

  it("refuses a wrong responder, and does not fall back to the password", async () => {
    const h = fastHarness({ offer: OFFER, tokenReply: "wrong-responder" });
    const { outcome, seen } = await run(h, { token: h.storedToken, password: "s3cret" });
    expect((outcome as HashedTokenError).code).toBe("responder-mismatch");
    expect(h.authenticates.map((a) => a.mechanism)).toEqual(["HT-SHA-256-NONE"]);
    expect(seen).toEqual([]);
  });

  it("forgets a refused token, signs in with the password on the same connection and asks for a new token", async () => {
    const h = fastHarness({ offer: OFFER, tokenReply: "refuse" });
    const { outcome, seen } = await run(h, { token: h.storedToken, password: "s3cret" });
    expect(outcome).toBeUndefined();
    expect(h.deleted).toEqual([1]);
    expect(h.authenticates).toEqual([
      { mechanism: "HT-SHA-256-NONE", inline: ["fast"] },
      { mechanism: "SCRAM-SHA-1", inline: ["request-token:HT-SHA-256-NONE"] },
    ]);
    expect(h.saved).toEqual(["HT-SHA-256-NONE"]);
    expect(seen).toEqual([["scram"]]);
  });

  it("after a refused token, still fails closed when the password success is unproven", async () => {
    const h = fastHarness({ offer: OFFER, tokenReply: "refuse", passwordWire: "sasl2-without-additional-data" });
    const { outcome, seen } = await run(h, { token: h.storedToken, password: "s3cret" });
    expect((outcome as ScramError).code).toBe("server-signature-missing");
    expect(seen).toEqual([]);
  });

  it("after a refused token, signs in with PLAIN when that is all the server offers", async () => {
    const offer: Offer = { sasl2: ["PLAIN"], fast: ["HT-SHA-256-NONE"] };
    const h = fastHarness({ offer, tokenReply: "refuse" });
    const { outcome, seen } = await run(h, { token: h.storedToken, password: "s3cret" });
    expect(outcome).toBeUndefined();
    expect(h.authenticates.map((a) => a.mechanism)).toEqual(["HT-SHA-256-NONE", "PLAIN"]);
    expect(seen).toEqual([[]]);
  });

  it("without a token, asks for one with the password (NONE: no exporter data on this fake connection)", async () => {
    const h = fastHarness({ offer: { ...OFFER, fast: ["HT-SHA-256-EXPR", "HT-SHA-256-NONE"] } });
    expect(h.fast.offered).toBeUndefined();
    const { outcome } = await run(h, { password: "s3cret" });
    expect(outcome).toBeUndefined();
    expect(h.fast.offered).toEqual(["HT-SHA-256-EXPR", "HT-SHA-256-NONE"]);
    expect(h.fast.mechanism).toBe("HT-SHA-256-NONE");
    expect(h.authenticates).toEqual([{ mechanism: "SCRAM-SHA-1", inline: ["request-token:HT-SHA-256-NONE"] }]);
    expect(h.saved).toEqual(["HT-SHA-256-NONE"]);
    expect(h.deleted).toEqual([]);
  });

  it("forgets an EXPR token this connection cannot use, and asks for a usable one", async () => {
    const h = fastHarness({ offer: { ...OFFER, fast: ["HT-SHA-256-EXPR", "HT-SHA-256-NONE"] } });
    const { outcome, chosen } = await run(h, { token: { ...h.storedToken, mechanism: "HT-SHA-256-EXPR" }, password: "s3cret" });
    expect(outcome).toBeUndefined();
    expect(chosen).toMatchObject([{ fastTokenFirst: true, fastMechanism: undefined }]);
    expect(h.deleted).toEqual([1]);
    expect(h.authenticates).toEqual([{ mechanism: "SCRAM-SHA-1", inline: ["request-token:HT-SHA-256-NONE"] }]);
  });

  it("refuses a FAST offer without EXPR once FAST channel binding was seen, before sending anything", async () => {
    const h = fastHarness({ offer: OFFER, tokenReply: "accept" });
    const { outcome } = await run(h, { token: h.storedToken, remembered: ["fast-channel-binding"] });
    expect((outcome as DowngradeError).lost).toEqual(["fast-channel-binding"]);
    expect(h.authenticates).toEqual([]);
  });

  it("reads a new offer on each connection: a server that stopped offering FAST gets no FAST attempt", async () => {
    const h = fastHarness({ offer: OFFER, tokenReply: "accept" });
    h.entity.emit("element", features(OFFER));
    expect(h.fast.mechanism).toBe("HT-SHA-256-NONE");
    // Features after authentication offer no sign-in: the connection's offer stays.
    h.entity.emit("element", features({}));
    expect(h.fast.mechanism).toBe("HT-SHA-256-NONE");
    h.entity.emit("element", features({ sasl2: ["SCRAM-SHA-1"] }));
    expect(h.fast.mechanism).toBeNull();
    expect(h.fast.offered).toBeUndefined();
  });
});
