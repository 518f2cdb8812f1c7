import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** Imports flow one way: shared ← core ← electron, shared ← renderer. */
const layers = {
  "src/shared/**": {
    patterns: ["**/core/**", "**/renderer/**", "**/electron/**", "node:*", "electron", "@xmpp/*", "@napi-rs/*", "conf", "react", "react-dom"],
    message: "src/shared is the contract: no Node, DOM, Electron or main-process code.",
  },
  "src/core/**": {
    patterns: ["**/renderer/**", "**/electron/**", "electron", "electron-store", "react", "react-dom"],
    message: "src/core runs outside Electron: no electron, renderer or shell imports.",
  },
  "renderer/**": {
    patterns: ["**/core/**", "**/electron/**", "node:*", "electron", "@xmpp/*", "@napi-rs/*", "conf"],
    message: "The renderer talks only to window.clientManager and src/shared.",
  },
  "web/**": {
    patterns: ["**/renderer/**", "**/electron/**", "electron", "react", "react-dom"],
    message: "Browser mode's host runs src/core and serves the built renderer; it does not import it.",
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
  ...Object.entries(layers).map(([glob, { patterns, message }]) => ({
    files: [glob],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: patterns, message }] }] },
  })),
);
