import { useEffect } from "react";
import { useClientManager } from "./client-manager-context.js";

/** Tells the core whether the page is visible, at start and on every change: the watch lists often only then. */
export function useWindowVisibility(): void {
  const api = useClientManager();
  useEffect(() => {
    const report = () => void api.setWindowVisible({ visible: document.visibilityState === "visible" });
    report();
    document.addEventListener("visibilitychange", report);
    return () => document.removeEventListener("visibilitychange", report);
  }, [api]);
}
