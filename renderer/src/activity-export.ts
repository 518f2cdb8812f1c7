import type { ActivityEntry, ActivityExport } from "../../src/shared/index.js";

/** The file "Export" writes (activityExportSchema): the account's Activity, oldest first. */
export function activityExport(account: string, entries: readonly ActivityEntry[], now: Date): ActivityExport {
  return { format: "warden-activity", version: 1, account, exportedAt: now.toISOString(), entries: [...entries].sort((a, b) => a.at - b.at) };
}

/** "warden-activity-alice@example.org-2026-11-28.json", the date in the user's time zone. */
export function activityExportFileName(account: string, now: Date): string {
  const day = [now.getFullYear(), now.getMonth() + 1, now.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
  // A JID has no slash or backslash once bare, but a file name must never get one.
  return `warden-activity-${account.replace(/[/\\]/g, "_")}-${day}.json`;
}

/** Saves `value` as a JSON file through the browser's download (Chromium and Electron alike). */
export function downloadJson(fileName: string, value: unknown): void {
  const url = URL.createObjectURL(new Blob([JSON.stringify(value, null, 2)], { type: "application/json" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // After the click has handed the file to the download.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
