import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const execFileAsync = promisify(execFile);

export const CA_CERT_FILE = "ca.pem";
const CA_KEY_FILE = "ca.key";
const VALIDITY_DAYS = "2";

export interface CertificateAuthority {
  readonly dir: string;
  readonly certFile: string;
  readonly keyFile: string;
}

export interface LeafCertificate {
  readonly certFile: string;
  readonly keyFile: string;
}

async function openssl(args: readonly string[]): Promise<void> {
  await execFileAsync("openssl", args);
}

function caIn(dir: string): CertificateAuthority {
  return { dir, certFile: join(dir, CA_CERT_FILE), keyFile: join(dir, CA_KEY_FILE) };
}

export async function createCertificateAuthority(dir: string): Promise<CertificateAuthority> {
  await mkdir(dir, { recursive: true });
  const ca = caIn(dir);
  await openssl([
    "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
    "-keyout", ca.keyFile, "-out", ca.certFile, "-days", VALIDITY_DAYS,
    "-subj", "/CN=Warden Test CA",
    "-addext", "basicConstraints=critical,CA:TRUE",
    "-addext", "keyUsage=critical,keyCertSign,cRLSign",
  ]);
  return ca;
}

/** A CA made earlier (e.g. by the Vitest globalSetup) in `dir`. */
export function existingCertificateAuthority(dir: string): CertificateAuthority {
  return caIn(dir);
}

export async function issueLeafCertificate(
  ca: CertificateAuthority,
  outDir: string,
  name: string,
  subjectAltNames: readonly string[],
): Promise<LeafCertificate> {
  await mkdir(outDir, { recursive: true });
  const keyFile = join(outDir, `${name}.key`);
  const certFile = join(outDir, `${name}.crt`);
  const csrFile = join(outDir, `${name}.csr`);
  const extFile = join(outDir, `${name}.ext`);
  await writeFile(extFile, [
    `subjectAltName=${subjectAltNames.map((san) => `DNS:${san}`).join(",")}`,
    "basicConstraints=critical,CA:FALSE",
    "keyUsage=critical,digitalSignature,keyEncipherment",
    "extendedKeyUsage=serverAuth",
    "",
  ].join("\n"));
  await openssl([
    "req", "-new", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
    "-keyout", keyFile, "-out", csrFile, "-subj", `/CN=${subjectAltNames[0] ?? name}`,
  ]);
  await openssl([
    "x509", "-req", "-in", csrFile, "-CA", ca.certFile, "-CAkey", ca.keyFile,
    "-set_serial", `0x${randomSerial()}`, "-days", VALIDITY_DAYS,
    "-extfile", extFile, "-out", certFile,
  ]);
  return { certFile, keyFile };
}

function randomSerial(): string {
  // Top bit cleared so the serial stays a positive integer.
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] ?? 0) & 0x7f;
  return bytes.toString("hex");
}

export async function readPem(file: string): Promise<string> {
  return readFile(file, "utf8");
}
