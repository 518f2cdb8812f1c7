// Imported by every component test: unmount between tests (Vitest runs without globals).
import { cleanup, configure } from "@testing-library/react";
import { afterEach } from "vitest";

// The whole suite shares two cores with Prosody and Chromium: a screen that takes over a second
// to appear is slow, not wrong (loading a catalog under that load did take longer once).
configure({ asyncUtilTimeout: 5_000 });

afterEach(() => {
  cleanup();
});
