import tls from "node:tls";
import type { CertificateProblem } from "../../shared/account-state.js";

/** CA certificates to verify servers against: the OS store where this Node can read it. */
export function trustedCertificates(): string[] | undefined {
  const read = (tls as { getCACertificates?: (type: "default" | "system") => string[] }).getCACertificates;
  // Node 20 has no system store API: its bundled store plus NODE_EXTRA_CA_CERTS is what it verifies against.
  if (!read) return undefined;
  return [...new Set([...read("default"), ...read("system")])];
}

function distinguishedName(name: tls.PeerCertificate["subject"] | undefined): string {
  if (!name) return "";
  return Object.entries(name)
    .map(([key, value]) => `${key}=${Array.isArray(value) ? value.join("+") : value}`)
    .join(", ");
}

export interface CertificateExpectation {
  /** The JID's domain, which the certificate must name. */
  domain: string;
  pinnedFingerprints: readonly string[];
  /** This account's server was CA-verified before: a pin no longer stands in for the CA. */
  caVerifiedBefore: boolean;
}

export type CertificateVerdict = { trusted: true; caVerified: boolean } | { trusted: false; problem: CertificateProblem };

/**
 * Verdict on a finished handshake: trusted when the chain verifies and names the domain, or when
 * the certificate is one the user pinned for this account — unless that account's server was
 * CA-verified before, when anything less than a CA-verified certificate can be an attack.
 */
export function checkCertificate(socket: tls.TLSSocket, expected: CertificateExpectation): CertificateVerdict {
  const { domain, pinnedFingerprints, caVerifiedBefore } = expected;
  const certificate = socket.getPeerCertificate();
  if (!certificate || !certificate.raw) {
    const problem = { kind: "certificate", fingerprint256: "", subject: "", issuer: "", reason: "The server sent no certificate.", pinMismatch: false, caVerifiedBefore } as const;
    return { trusted: false, problem };
  }
  const namesDomain = tls.checkServerIdentity(domain, certificate) === undefined;
  if (socket.authorized && namesDomain) return { trusted: true, caVerified: true };
  const pinned = !caVerifiedBefore && pinnedFingerprints.includes(certificate.fingerprint256);
  // A pin stands in for the CA, not for the certificate's own dates: it ends when the certificate does.
  const pinExpired = pinned && !withinValidity(certificate);
  if (pinned && !pinExpired) return { trusted: true, caVerified: false };
  const problem: CertificateProblem = {
    kind: "certificate",
    fingerprint256: certificate.fingerprint256,
    subject: distinguishedName(certificate.subject),
    issuer: distinguishedName(certificate.issuer),
    reason: pinExpired
      ? "the certificate you trusted for it has expired"
      : namesDomain
        ? chainProblem(socket.authorizationError)
        : `it is for ${namesOf(certificate)}, not for ${domain}`,
    pinMismatch: !caVerifiedBefore && !pinned && pinnedFingerprints.length > 0,
    caVerifiedBefore,
  };
  return { trusted: false, problem };
}

function withinValidity(certificate: tls.PeerCertificate, now = Date.now()): boolean {
  return Date.parse(certificate.valid_from) <= now && now <= Date.parse(certificate.valid_to);
}

function namesOf(certificate: tls.PeerCertificate): string {
  const names = (certificate.subjectaltname ?? "")
    .split(", ")
    .filter((entry) => entry.startsWith("DNS:"))
    .map((entry) => entry.slice(4));
  return names.length > 0 ? names.join(", ") : "another server";
}

/** OpenSSL's verification codes, in words a person can act on. */
function chainProblem(error: Error | string | null | undefined): string {
  const code = typeof error === "string" ? error : ((error as { code?: string } | null)?.code ?? error?.message ?? "");
  switch (code) {
    case "DEPTH_ZERO_SELF_SIGNED_CERT":
      return "it is self-signed";
    case "SELF_SIGNED_CERT_IN_CHAIN":
    case "UNABLE_TO_GET_ISSUER_CERT":
    case "UNABLE_TO_GET_ISSUER_CERT_LOCALLY":
    case "UNABLE_TO_VERIFY_LEAF_SIGNATURE":
      return "it was issued by an authority this computer does not trust";
    case "CERT_HAS_EXPIRED":
      return "it has expired";
    case "CERT_NOT_YET_VALID":
      return "it is not valid yet";
    case "CERT_REVOKED":
      return "it has been revoked";
    default:
      return `it could not be verified (${code || "unknown reason"})`;
  }
}
