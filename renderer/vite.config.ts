import { randomBytes } from "node:crypto";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";
import { contentSecurityPolicy, securityHeaders } from "../hosts/security-headers.js";
import { englishMessages } from "../scripts/ui-messages.js";

/**
 * The built page carries the hosts' policy (hosts/security-headers.ts) as a <meta>, a second line
 * behind the header both hosts send. A <meta> cannot carry frame-ancestors; the header does.
 */
function builtPagePolicy(): Plugin {
  return {
    name: "warden-built-page-policy",
    apply: "build",
    transformIndexHtml: () => [
      { tag: "meta", attrs: { "http-equiv": "Content-Security-Policy", content: contentSecurityPolicy({ delivery: "meta" }) }, injectTo: "head-prepend" },
    ],
  };
}

/**
 * The dev server sends the hosts' headers too. Its one allowance is a nonce, random per start, that
 * Vite stamps on the inline hot-reload preamble and on the styles it injects.
 */
function devServerHeaders(): Plugin {
  return {
    name: "warden-dev-server-headers",
    apply: "serve",
    config: () => {
      const devNonce = randomBytes(16).toString("base64url");
      return { html: { cspNonce: devNonce }, server: { headers: securityHeaders({ devNonce }) } };
    },
  };
}

// `root` is this folder whatever the working directory: Vite resolves import.meta.dirname to the
// config file's own folder. The root vitest.config.ts extends this file (with its own test.root).
export default defineConfig({
  root: import.meta.dirname,
  base: "./",
  plugins: [react(), builtPagePolicy(), devServerHeaders(), englishMessages(`${import.meta.dirname}/src`)],
  build: {
    outDir: "../dist/renderer",
    emptyOutDir: true,
  },
});
