// Vitest globalSetup of the e2e-electron project. Without the Electron binary it prints the one line
// that says why the suite is skipped (the test files skip themselves); with it, it creates the test
// CA that both Prosody's certificates and the launched app (NODE_EXTRA_CA_CERTS) use.
import setupTestCa from "../server/global-setup.js";
import { findElectronBinary, SKIP_LINE } from "./electron-binary.js";

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  if (!findElectronBinary().found) {
    console.log(SKIP_LINE);
    return undefined;
  }
  return setupTestCa();
}
