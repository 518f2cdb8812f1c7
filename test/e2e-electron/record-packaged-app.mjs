// electron-builder afterPack hook for packaged.test.ts (passed as -c.afterPack): writes, to the file
// named by WARDEN_PACKAGED_APP_RECORD, where the packed app's executable is — named as
// electron-builder names it when it flips the fuses — and the fuses the builder config asks for.
// electron-builder flips them after this hook; the test reads them back once the build is done.
import { writeFileSync } from "node:fs";
import { join } from "node:path";

const EXTENSION = { darwin: ".app", mas: ".app", win32: ".exe", linux: "" };

export default function recordPackagedApp({ appOutDir, electronPlatformName, packager }) {
  const record = process.env.WARDEN_PACKAGED_APP_RECORD;
  if (record === undefined) return;
  const name = electronPlatformName === "linux" ? packager.executableName : packager.appInfo.productFilename;
  const executable = join(appOutDir, `${name}${EXTENSION[electronPlatformName] ?? ""}`);
  writeFileSync(record, JSON.stringify({ executable, fuses: packager.config.electronFuses ?? {} }));
}
