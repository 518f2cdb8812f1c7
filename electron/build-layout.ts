// Where the Electron app's files are, relative to the app's root folder (the project in development,
// the asar in the packaged app). One definition for electron/build.ts (which writes them), main.ts
// (which loads them) and the packaging-consistency test (test/unit/release), which checks that
// package.json's "main" and electron-builder's `files` agree with it. No imports: main.ts bundles it.

/** The folder electron/build.ts writes the main process, preload and window icon into. */
export const ELECTRON_OUT_DIR = "dist/electron";
/** The main process bundle (ESM); package.json's "main". */
export const MAIN_BUNDLE = "main.js";
/** The preload bundle: CommonJS, because a sandboxed preload can't load ES modules. */
export const PRELOAD_BUNDLE = "preload.cjs";
/** The window icon (Linux), copied next to the main bundle from ICON_SOURCE. */
export const WINDOW_ICON = "icon.png";
/** The app icon electron-builder also derives the macOS and Windows icons from. */
export const ICON_SOURCE = "build/icon.png";
/** The built renderer (renderer/vite.config.ts's outDir), served by the app:// protocol. */
export const RENDERER_DIR = "dist/renderer";
