import type { ClientManagerApi } from "../../src/shared/index.js";

declare global {
  interface Window {
    clientManager: ClientManagerApi;
  }
}

export {};
