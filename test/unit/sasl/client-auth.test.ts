import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from "node:crypto";
import { EventEmitter } from "node:events";

import { describe, expect, it } from "vitest";

import { createWardenSasl, InsecureConnectionError, NoAcceptableMechanismError, PasswordNeededError } from "../../../src/core/sasl/client-auth.js";
import { registerWardenMechanisms } from "../../../src/core/sasl/register-mechanisms.js";
import { ScramError } from "../../../src/core/sasl/scram-sha-1.js";
import type { AuthenticateFn, SaslFactory, XmlElement } from "../../../src/core/sasl/xmpp-types.js";

// Untyped JS packages: load dynamically and describe just what we use.
type Xml = (name: string, attrs?: Record<string, string>, ...children: unknown[]) => XmlElement;
type ClientFactory = (options: Record<string, unknown>) => EventEmitter & {
  saslFactory: SaslFactory;
  isSecure(): boolean;
  socket: unknown;
  prependListener(event: "element", listener: (element: XmlElement) => void): unknown;
  removeListener(event: "element", listener: (element: XmlElement) => void): unknown;
};
const xmppClient = (await import("@xmpp/client" as string)) as { xml: Xml; client: ClientFactory };
const { xml } = xmppClient;
const SaslFactoryClass = ((await import("saslmechanisms" as string)) as { default: new () => SaslFactory }).default;

const NS_SASL = "urn:ietf:params:xml:ns:xmpp-sasl";

/** Tiny independent SCRAM-SHA-1 server (RFC 5802 server side), over the fake wire. */
function scramServer(password: string, options: { lieAboutSignature?: boolean } = {}) {
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
      serverFirst = `r=${match[2]}SRV${randomBytes(6).toString("hex")},s=${salt.toString("base64")},i=${iterations}`;
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
        onMechanismChosen: ({ mechanism }) => chosen.push(mechanism),
      });
      const { entity, authenticate } = harness(wire, scramServer("s3cret"));
      sasl.attach(entity);
      await sasl.credentials(authenticate, ["SCRAM-SHA-1-PLUS", "SCRAM-SHA-1", "PLAIN"], null, entity);
      expect(chosen).toEqual(["SCRAM-SHA-1"]);
    });

    it(`rejects a forged server signature over ${wire}`, async () => {
      const sasl = createWardenSasl({ username: "alice", password: () => "s3cret" });
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
    const sasl = createWardenSasl({ username: "alice", password: () => "s3cret" });
    const { entity, authenticate } = harness("sasl2-without-additional-data", scramServer("s3cret"));
    sasl.attach(entity);
    const error = await sasl
      .credentials(authenticate, ["SCRAM-SHA-1"], null, entity)
      .then(() => undefined, (caught: unknown) => caught);
    expect((error as ScramError).code).toBe("server-signature-missing");
  });

  it("sends nothing over an unencrypted connection unless plaintext was allowed", async () => {
    const sasl = createWardenSasl({ username: "alice", password: () => "x" });
    const { entity, authenticate } = harness("sasl2", scramServer("x"));
    entity.isSecure = () => false;
    await expect(sasl.credentials(authenticate, ["SCRAM-SHA-1"], null, entity)).rejects.toBeInstanceOf(InsecureConnectionError);
  });

  it("asks for the password when it has neither a password nor a token", async () => {
    const sasl = createWardenSasl({ username: "alice", password: () => undefined, token: () => undefined });
    const { entity, authenticate } = harness("sasl2", scramServer("x"));
    await expect(sasl.credentials(authenticate, ["SCRAM-SHA-1"], { mechanism: "HT-SHA-256-NONE" }, entity)).rejects.toBeInstanceOf(
      PasswordNeededError,
    );
  });

  it("throws a typed error when nothing acceptable is offered", async () => {
    const sasl = createWardenSasl({ username: "alice", password: () => "x", allowInsecure: true });
    const { entity, authenticate } = harness("sasl2", scramServer("x"));
    entity.isSecure = () => false;
    await expect(sasl.credentials(authenticate, ["PLAIN"], null, entity)).rejects.toBeInstanceOf(
      NoAcceptableMechanismError,
    );
  });

  it("records advertised channel bindings from stream features", async () => {
    // No TLS socket in the fake, so -PLUS is impossible: expect SCRAM-SHA-1 with "n"
    // (the server offered -PLUS, so "y" would be refused).
    const sasl = createWardenSasl({ username: "alice", password: () => "s3cret" });
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

describe("registerWardenMechanisms", () => {
  it("replaces @xmpp/client's bundled mechanisms, in preference order", () => {
    const xmpp = xmppClient.client({ service: "xmpp://127.0.0.1:1", domain: "localhost" });
    expect(xmpp.saslFactory._mechs.map(({ name }) => name)).toContain("SCRAM-SHA-1");
    const sasl = createWardenSasl({ username: "u", password: () => "p" });
    const detach = sasl.attach(xmpp);
    expect(xmpp.saslFactory._mechs.map(({ name }) => name)).toEqual(["SCRAM-SHA-1-PLUS", "SCRAM-SHA-1", "PLAIN"]);
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
