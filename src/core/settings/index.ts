export * from "./conf-settings-store.js";
export * from "./settings-schema.js";
export * from "./settings-store.js";
