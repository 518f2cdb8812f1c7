// Vitest globalSetup: one test CA per run, trusted by every worker process.
// Node reads NODE_EXTRA_CA_CERTS only at process start, so it must be set here,
// before the forked workers exist.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCertificateAuthority } from "./certificates.js";

export default async function setup(): Promise<() => Promise<void>> {
  const dir = await mkdtemp(join(tmpdir(), "warden-test-ca-"));
  const ca = await createCertificateAuthority(dir);
  process.env.NODE_EXTRA_CA_CERTS = ca.certFile;
  process.env.WARDEN_TEST_CA_DIR = dir;
  return async () => {
    delete process.env.NODE_EXTRA_CA_CERTS;
    delete process.env.WARDEN_TEST_CA_DIR;
    await rm(dir, { recursive: true, force: true });
  };
}
