import js from "@eslint/js";
import tseslint from "typescript-eslint";

/**
 * Imports flow one way: shared ← core ← hosts ← electron and web, shared ← renderer. hosts/ is what
 * both hosts (the Electron shell and browser mode) share; renderer/vite.config.ts, a Node build
 * script rather than UI code, reads the hosts' security headers from it.
 */
const layers = {
  "src/shared/**": {
    patterns: ["**/core/**", "**/hosts/**", "**/renderer/**", "**/electron/**", "node:*", "electron", "@xmpp/*", "@napi-rs/*", "conf", "react", "react-dom"],
    message: "src/shared is the contract: no Node, DOM, Electron or main-process code.",
  },
  "src/core/**": {
    patterns: ["**/hosts/**", "**/renderer/**", "**/electron/**", "electron", "electron-store", "react", "react-dom"],
    message: "src/core runs outside Electron: no electron, renderer or shell imports.",
  },
  "hosts/**": {
    patterns: ["**/renderer/**", "**/electron/**", "**/web/**", "electron", "electron-store", "react", "react-dom"],
    message: "hosts/ is what the Electron shell and browser mode share: src/core and src/shared, no shell, browser-mode or UI code.",
  },
  "renderer/**": {
    ignores: ["renderer/vite.config.ts"],
    patterns: ["**/core/**", "**/hosts/**", "**/electron/**", "node:*", "electron", "@xmpp/*", "@napi-rs/*", "conf"],
    message: "The renderer talks only to window.clientManager and src/shared.",
  },
  "renderer/vite.config.ts": {
    patterns: ["**/core/**", "**/electron/**", "**/web/**"],
    message: "The renderer's build config takes only the hosts' security headers from outside the renderer.",
  },
  "web/**": {
    patterns: ["**/renderer/**", "**/electron/**", "electron", "react", "react-dom"],
    message: "Browser mode's host runs src/core and serves the built renderer; it does not import it.",
  },
  // A dev tool, not part of the app: it takes the tests' Prosody and other clients from test/server/
  // to have an account worth showing, and browser mode's pieces from web/ to show it.
  "demo/**": {
    patterns: ["**/renderer/**", "**/electron/**", "**/cli/**", "electron", "electron-store", "react", "react-dom"],
    message: "The demo runs src/core behind browser mode's host, against the tests' server; it does not import the UI or the other hosts.",
  },
  "cli/**": {
    patterns: ["**/hosts/**", "**/renderer/**", "**/electron/**", "**/web/**", "electron", "electron-store", "react", "react-dom"],
    message: "The command line is a host of src/core like the others: src/core and src/shared only.",
  },
  "electron/**": {
    patterns: ["**/renderer/**"],
    message: "The shell loads the built renderer; it does not import it.",
  },
};

export default tseslint.config(
  { ignores: ["node_modules/", "dist/", "out/", "test-results/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { console: "readonly", process: "readonly", URL: "readonly" } },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  ...Object.entries(layers).map(([glob, { patterns, message, ignores = [] }]) => ({
    files: [glob],
    ignores,
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: patterns, message }] }] },
  })),
);
