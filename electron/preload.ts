// The sandboxed preload: exposes window.clientManager and nothing else. Bundled to CommonJS
// (dist/electron/preload.cjs) because a sandboxed preload can't load ES modules; it may import only
// `electron` and the pure modules beside it (electron/build.ts checks the bundle's inputs).
import { contextBridge, ipcRenderer } from "electron";
import { buildPreloadApi, subscribeVia } from "./preload-api.js";

contextBridge.exposeInMainWorld(
  "clientManager",
  buildPreloadApi((channel, argument) => ipcRenderer.invoke(channel, argument), subscribeVia(ipcRenderer)),
);
