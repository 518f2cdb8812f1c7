import { connect, createServer, type TLSSocket } from "node:tls";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

import { describe, expect, it } from "vitest";

import { chooseFastMechanism, chooseMechanism, isFastTokenUsable, tlsExporterChannelBinding } from "../../../src/core/sasl/choose-mechanism.js";

const CB = new Uint8Array(32).fill(7);
const PROSODY = ["OAUTHBEARER", "PLAIN", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-1"];

describe("chooseMechanism", () => {
  const table: Array<{
    name: string;
    offered: string[];
    secure: boolean;
    cb: boolean;
    bindings: string[];
    expected: string;
    y?: boolean;
  }> = [
    { name: "Prosody over TLS 1.3", offered: PROSODY, secure: true, cb: true, bindings: ["tls-exporter"], expected: "SCRAM-SHA-1-PLUS" },
    { name: "no exporter data (TLS 1.2)", offered: PROSODY, secure: true, cb: false, bindings: ["tls-exporter"], expected: "SCRAM-SHA-1", y: false },
    { name: "server did not advertise tls-exporter", offered: PROSODY, secure: true, cb: true, bindings: ["tls-server-end-point"], expected: "SCRAM-SHA-1", y: false },
    { name: "no XEP-0440 at all", offered: PROSODY, secure: true, cb: true, bindings: [], expected: "SCRAM-SHA-1", y: false },
    { name: "-PLUS not offered, we could bind => y", offered: ["PLAIN", "SCRAM-SHA-1"], secure: true, cb: true, bindings: [], expected: "SCRAM-SHA-1", y: true },
    { name: "-PLUS not offered, cannot bind => n", offered: ["PLAIN", "SCRAM-SHA-1"], secure: true, cb: false, bindings: [], expected: "SCRAM-SHA-1", y: false },
    { name: "plaintext with SCRAM", offered: ["PLAIN", "SCRAM-SHA-1"], secure: false, cb: false, bindings: [], expected: "SCRAM-SHA-1", y: false },
    { name: "exporter data ignored without TLS", offered: PROSODY, secure: false, cb: true, bindings: ["tls-exporter"], expected: "SCRAM-SHA-1", y: false },
    { name: "only PLAIN over TLS", offered: ["PLAIN"], secure: true, cb: false, bindings: [], expected: "PLAIN" },
    { name: "only PLAIN, unrelated SCRAM-SHA-256", offered: ["SCRAM-SHA-256", "PLAIN"], secure: true, cb: false, bindings: [], expected: "PLAIN" },
    { name: "only PLAIN without TLS", offered: ["PLAIN"], secure: false, cb: false, bindings: [], expected: "none" },
    { name: "-PLUS only, cannot bind: no PLAIN fallback", offered: ["SCRAM-SHA-1-PLUS", "PLAIN"], secure: true, cb: false, bindings: ["tls-exporter"], expected: "none" },
    { name: "-PLUS only, can bind", offered: ["SCRAM-SHA-1-PLUS"], secure: true, cb: true, bindings: ["tls-exporter"], expected: "SCRAM-SHA-1-PLUS" },
    { name: "nothing we know", offered: ["OAUTHBEARER", "ANONYMOUS"], secure: true, cb: true, bindings: ["tls-exporter"], expected: "none" },
    { name: "nothing offered", offered: [], secure: true, cb: true, bindings: [], expected: "none" },
  ];

  it.each(table)("$name -> $expected", ({ offered, secure, cb, bindings, expected, y }) => {
    const choice = chooseMechanism({
      offered,
      secure,
      tlsExporter: cb ? CB : undefined,
      serverChannelBindings: bindings,
    });
    if (expected === "none") {
      expect(choice).toEqual({ ok: false, reason: "no-acceptable-mechanism", offered, secure });
      return;
    }
    expect(choice.ok && choice.mechanism).toBe(expected);
    if (choice.ok && choice.mechanism === "SCRAM-SHA-1-PLUS") {
      expect(choice.channelBinding).toEqual({ type: "tls-exporter", data: CB });
    }
    if (choice.ok && choice.mechanism === "SCRAM-SHA-1") expect(choice.channelBindingSupported).toBe(y);
  });
});

describe("chooseFastMechanism", () => {
  it.each([
    { name: "both offered, exporter data", offered: ["HT-SHA-256-NONE", "HT-SHA-256-EXPR"], cb: true, expected: "HT-SHA-256-EXPR" },
    { name: "both offered, TLS 1.2", offered: ["HT-SHA-256-EXPR", "HT-SHA-256-NONE"], cb: false, expected: "HT-SHA-256-NONE" },
    { name: "NONE only", offered: ["HT-SHA-256-NONE"], cb: true, expected: "HT-SHA-256-NONE" },
    { name: "EXPR only, exporter data", offered: ["HT-SHA-256-EXPR"], cb: true, expected: "HT-SHA-256-EXPR" },
    { name: "EXPR only, TLS 1.2", offered: ["HT-SHA-256-EXPR"], cb: false, expected: undefined },
    { name: "only mechanisms we do not have", offered: ["HT-SHA-256-ENDP", "HT-SHA-256-UNIQ"], cb: true, expected: undefined },
    { name: "no FAST", offered: undefined, cb: true, expected: undefined },
  ])("$name -> $expected", ({ offered, cb, expected }) => {
    expect(chooseFastMechanism(offered, cb ? CB : undefined)).toBe(expected);
  });
});

describe("isFastTokenUsable", () => {
  const NOW = Date.parse("2030-01-01T00:00:00Z");
  const LATER = "2030-01-22T00:00:00Z";
  const BOTH = ["HT-SHA-256-EXPR", "HT-SHA-256-NONE"];
  it.each([
    { name: "EXPR token, exporter data", mechanism: "HT-SHA-256-EXPR", expiry: LATER, offered: BOTH, cb: true, usable: true },
    { name: "EXPR token, TLS 1.2", mechanism: "HT-SHA-256-EXPR", expiry: LATER, offered: BOTH, cb: false, usable: false },
    { name: "NONE token where EXPR is usable (signs in, asks for EXPR)", mechanism: "HT-SHA-256-NONE", expiry: LATER, offered: BOTH, cb: true, usable: true },
    { name: "NONE token, server dropped NONE", mechanism: "HT-SHA-256-NONE", expiry: LATER, offered: ["HT-SHA-256-EXPR"], cb: true, usable: false },
    { name: "expired", mechanism: "HT-SHA-256-NONE", expiry: "2029-12-31T23:59:59Z", offered: BOTH, cb: true, usable: false },
    { name: "unreadable expiry: the server judges", mechanism: "HT-SHA-256-NONE", expiry: "soon", offered: BOTH, cb: true, usable: true },
    { name: "a mechanism we do not have", mechanism: "HT-SHA-256-ENDP", expiry: LATER, offered: ["HT-SHA-256-ENDP"], cb: true, usable: false },
    { name: "no FAST offered", mechanism: "HT-SHA-256-NONE", expiry: LATER, offered: undefined, cb: true, usable: false },
  ])("$name -> $usable", ({ mechanism, expiry, offered, cb, usable }) => {
    expect(isFastTokenUsable({ mechanism, expiry }, offered, cb ? CB : undefined, NOW)).toBe(usable);
  });
});

describe("tlsExporterChannelBinding", () => {
  // A real TLS pair on loopback, with a throwaway self-signed cert.
  function makeCert(): { key: Buffer; cert: Buffer } {
    const dir = mkdtempSync(join(tmpdir(), "warden-sasl-"));
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
      "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", "1", "-subj", "/CN=localhost",
    ], { stdio: "ignore" });
    return { key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) };
  }

  async function pair(maxVersion: "TLSv1.2" | "TLSv1.3"): Promise<{ client: TLSSocket; server: TLSSocket; close: () => void }> {
    const { key, cert } = makeCert();
    const server = createServer({ key, cert, maxVersion });
    const serverSide = new Promise<TLSSocket>((resolve) => {
      server.once("secureConnection", resolve);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    if (typeof address !== "object" || address === null) throw new Error("no address");
    const client = connect({ port: address.port, host: "127.0.0.1", rejectUnauthorized: false });
    await new Promise<void>((resolve) => client.once("secureConnect", () => resolve()));
    const serverSocket = await serverSide;
    return {
      client,
      server: serverSocket,
      close: () => {
        client.destroy();
        serverSocket.destroy();
        server.close();
      },
    };
  }

  it("returns the same 32 bytes on both ends under TLS 1.3", async () => {
    const { client, server, close } = await pair("TLSv1.3");
    try {
      const ours = tlsExporterChannelBinding(client);
      expect(ours).toBeInstanceOf(Uint8Array);
      expect(ours?.length).toBe(32);
      const theirs = server.exportKeyingMaterial(32, "EXPORTER-Channel-Binding", Buffer.alloc(0));
      expect(Buffer.from(ours ?? [])).toEqual(theirs);
    } finally {
      close();
    }
  });

  it("returns undefined under TLS 1.2", async () => {
    const { client, close } = await pair("TLSv1.2");
    try {
      expect(client.getProtocol()).toBe("TLSv1.2");
      expect(tlsExporterChannelBinding(client)).toBeUndefined();
    } finally {
      close();
    }
  });
});
