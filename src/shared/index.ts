export * from "./account-state.js";
export * from "./api.js";
export * from "./client-info.js";
export * from "./errors.js";
export * from "./outcomes.js";
export * from "./requests.js";
export * from "./result.js";
