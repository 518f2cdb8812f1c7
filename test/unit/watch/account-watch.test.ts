// The account watch over in-memory records (the files are the records' own tests): what it records
// for a sequence of lists, and what it keeps as unseen alerts.
import { describe, expect, it } from "vitest";
import { AccountWatch } from "../../../src/core/watch/account-watch.js";
import type { ActivityEntry, AlertEntry } from "../../../src/shared/activity.js";
import type { ClientInfo, ClientList } from "../../../src/shared/client-info.js";
import { createMemoryRecords } from "../../doubles/memory-records.js";

const client = (id: string, extra: Partial<ClientInfo> = {}): ClientInfo => ({
  id,
  kind: "session",
  connected: false,
  authMethods: ["password"],
  userAgent: { software: id },
  isCurrent: false,
  ...extra,
});
let clock = 1_700_000_000_000;
const list = (...clients: ClientInfo[]): ClientList => ({ clients, protocol: "prosody", fetchedAt: (clock += 1000) });
const us = client("client/us", { isCurrent: true });

function watchOver(records = createMemoryRecords().forAccount("a@example.org")) {
  const recorded: ActivityEntry[] = [];
  const alertEvents: AlertEntry[][] = [];
  const watch = new AccountWatch({
    records,
    record: async (entry) => {
      await records.appendActivity(entry);
      recorded.push(entry);
    },
    alertsChanged: (alerts) => alertEvents.push(alerts),
    log: () => undefined,
  });
  return { watch, records, recorded, alertEvents };
}

describe("the account watch", () => {
  it("takes the first list as the baseline, then records what changes, with alerts kept until seen", async () => {
    const { watch, records, recorded, alertEvents } = watchOver();
    await watch.observe(list(us, client("client/old")));
    expect(recorded).toEqual([]);

    await watch.observe(list(us, client("client/new")));
    expect(recorded.map((e) => [e.kind, "client" in e ? e.client.id : undefined])).toEqual([
      ["new-sign-in", "client/new"],
      ["gone", "client/old"],
    ]);
    expect(new Set(recorded.map((e) => e.id)).size).toBe(2);
    expect(alertEvents).toEqual([[recorded[0]]]);
    expect((await records.readSeen())?.unseenAlerts).toEqual([recorded[0]]);

    // A restarted watch reads the unseen alerts back.
    const restarted = watchOver(records);
    await restarted.watch.ready;
    expect(restarted.watch.alerts).toEqual([recorded[0]]);
    await restarted.watch.markSeen();
    expect(restarted.watch.alerts).toEqual([]);
    expect((await records.readSeen())?.unseenAlerts).toEqual([]);
  });

  it("does not call gone what Warden removed: a revoke, or a password change", async () => {
    const { watch, recorded } = watchOver();
    await watch.observe(list(us, client("client/a"), client("client/b"), client("client/c")));
    watch.revoking("client/a");
    watch.revoked("client/a", { ok: true, value: { outcome: "gone", removed: ["session"] } });
    await watch.observe(list(us, client("client/b"), client("client/c")));
    await watch.changingPassword(() => watch.observe(list(us, client("client/c"))));
    expect(recorded).toEqual([]);

    // A revoke that left the entry listed: its later disappearance is news.
    watch.revoking("client/c");
    watch.revoked("client/c", { ok: true, value: { outcome: "knows-password", removed: [] } });
    await watch.observe(list(us));
    expect(recorded.map((e) => e.kind)).toEqual(["gone"]);
  });

  it("ignores a list older than one it compared already", async () => {
    const { watch, recorded } = watchOver();
    await watch.observe(list(us));
    const older = list(us);
    const newer = list(us, client("client/a"));
    await watch.observe(newer);
    await watch.observe(older);
    expect(recorded.map((e) => e.kind)).toEqual(["new-sign-in"]);
  });
});
