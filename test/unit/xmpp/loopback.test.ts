import { expect, it } from "vitest";
import { isLoopbackHost } from "../../../src/core/xmpp/loopback.js";

it("allows plaintext only to hosts that never leave the machine", () => {
  for (const host of ["localhost", "LOCALHOST", "a.localhost", "127.0.0.1", "127.8.9.10", "::1", "[::1]"]) expect(isLoopbackHost(host), host).toBe(true);
  for (const host of ["example.org", "localhost.example.org", "10.0.0.1", "128.0.0.1", "::2", "0.0.0.0", ""]) expect(isLoopbackHost(host), host).toBe(false);
});
