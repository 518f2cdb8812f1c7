// The verdict on a finished handshake, from a stand-in TLS socket (a finished handshake with a
// certificate of a given age cannot be made on demand with this machine's OpenSSL).
import type tls from "node:tls";
import { describe, expect, it } from "vitest";
import { checkCertificate } from "../../../src/core/xmpp/certificate-check.js";

const FINGERPRINT = Array.from({ length: 32 }, () => "AB").join(":");
const DAY = 86_400_000;

function standInSocket(options: { authorized: boolean; validFrom: number; validTo: number; error?: string }): tls.TLSSocket {
  const certificate = {
    raw: Buffer.from("der"),
    fingerprint256: FINGERPRINT,
    subject: { CN: "example.org" },
    issuer: { CN: "example.org" },
    subjectaltname: "DNS:example.org",
    valid_from: new Date(options.validFrom).toUTCString(),
    valid_to: new Date(options.validTo).toUTCString(),
  };
  return {
    authorized: options.authorized,
    authorizationError: options.error ?? null,
    getPeerCertificate: () => certificate,
  } as unknown as tls.TLSSocket;
}

const now = Date.now();
const selfSigned = { authorized: false, error: "DEPTH_ZERO_SELF_SIGNED_CERT" };

describe("checkCertificate", () => {
  it("trusts a CA-verified certificate and says so", () => {
    const verdict = checkCertificate(standInSocket({ authorized: true, validFrom: now - DAY, validTo: now + DAY }), { domain: "example.org", pinnedFingerprints: [], caVerifiedBefore: false });
    expect(verdict).toEqual({ trusted: true, caVerified: true });
  });

  it("trusts a pinned certificate while it is valid, as pinned, not as CA-verified", () => {
    const verdict = checkCertificate(standInSocket({ ...selfSigned, validFrom: now - DAY, validTo: now + DAY }), { domain: "example.org", pinnedFingerprints: [FINGERPRINT], caVerifiedBefore: false });
    expect(verdict).toEqual({ trusted: true, caVerified: false });
  });

  it("ends a pin when the pinned certificate expires", () => {
    const verdict = checkCertificate(standInSocket({ ...selfSigned, validFrom: now - 2 * DAY, validTo: now - DAY }), { domain: "example.org", pinnedFingerprints: [FINGERPRINT], caVerifiedBefore: false });
    expect(verdict).toMatchObject({ trusted: false, problem: { reason: "the certificate you trusted for it has expired", pinMismatch: false, caVerifiedBefore: false } });
  });

  it("ignores a pin for an account whose server was CA-verified before", () => {
    const verdict = checkCertificate(standInSocket({ ...selfSigned, validFrom: now - DAY, validTo: now + DAY }), { domain: "example.org", pinnedFingerprints: [FINGERPRINT], caVerifiedBefore: true });
    expect(verdict).toMatchObject({ trusted: false, problem: { reason: "it is self-signed", caVerifiedBefore: true, pinMismatch: false } });
  });

  it("says the certificate changed when another one is pinned", () => {
    const other = Array.from({ length: 32 }, () => "CD").join(":");
    const verdict = checkCertificate(standInSocket({ ...selfSigned, validFrom: now - DAY, validTo: now + DAY }), { domain: "example.org", pinnedFingerprints: [other], caVerifiedBefore: false });
    expect(verdict).toMatchObject({ trusted: false, problem: { fingerprint256: FINGERPRINT, pinMismatch: true } });
  });
});
