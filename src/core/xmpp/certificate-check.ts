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

/**
 * Verdict on a finished handshake: trusted when the chain verifies and names the domain, or when
 * the certificate is one the user pinned for this account.
 */
export function checkCertificate(
  socket: tls.TLSSocket,
  domain: string,
  pinnedFingerprints: readonly string[],
): CertificateProblem | undefined {
  const certificate = socket.getPeerCertificate();
  if (!certificate || !certificate.raw) {
    return { kind: "certificate", fingerprint256: "", subject: "", issuer: "", reason: "The server sent no certificate.", pinMismatch: false };
  }
  const identityError = socket.authorized ? tls.checkServerIdentity(domain, certificate) : undefined;
  if (socket.authorized && !identityError) return undefined;
  if (pinnedFingerprints.includes(certificate.fingerprint256)) return undefined;
  return {
    kind: "certificate",
    fingerprint256: certificate.fingerprint256,
    subject: distinguishedName(certificate.subject),
    issuer: distinguishedName(certificate.issuer),
    reason: identityError?.message ?? String(socket.authorizationError ?? "The certificate is not trusted."),
    pinMismatch: pinnedFingerprints.length > 0,
  };
}
