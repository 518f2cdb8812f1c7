import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

/**
 * The built page carries its own Content-Security-Policy as a second line behind the one the
 * Electron protocol handler and browser mode's host send as a header. Only in the build: the dev
 * server needs an inline script for hot reload.
 */
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  // Browser mode talks to its host over a WebSocket on loopback; the header pins the exact port.
  "connect-src 'self' ws://127.0.0.1:* ws://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join("; ");

function contentSecurityPolicyMeta(): Plugin {
  return {
    name: "warden-csp-meta",
    apply: "build",
    transformIndexHtml: () => [{ tag: "meta", attrs: { "http-equiv": "Content-Security-Policy", content: CONTENT_SECURITY_POLICY }, injectTo: "head-prepend" }],
  };
}

// `root` is this folder whatever the working directory: Vite resolves import.meta.dirname to the
// config file's own folder. The root vitest.config.ts extends this file (with its own test.root).
export default defineConfig({
  root: import.meta.dirname,
  base: "./",
  plugins: [react(), contentSecurityPolicyMeta()],
  build: {
    outDir: "../dist/renderer",
    emptyOutDir: true,
  },
});
