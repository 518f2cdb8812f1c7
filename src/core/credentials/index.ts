export * from "./bare-jid.js";
export * from "./errors.js";
export * from "./fast-token-store.js";
export * from "./keychain.js";
export * from "./password-store.js";
