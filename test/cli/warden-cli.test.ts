import { randomUUID } from "node:crypto";
import { createServer } from "node:net";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { clientListSchema, type ClientList } from "../../src/shared/client-info.js";
import { wardenStateSchema } from "../../src/shared/api.js";
import { revokeResultSchema } from "../../src/shared/outcomes.js";
import { z } from "zod";
import { signInOtherClient, signOutOtherClient } from "../server/other-client.js";
import { startTestServer, type TestServer } from "../server/prosody-test-server.js";
import { newInstall, type CliInstall } from "./run-warden.js";

let server: TestServer;
const installs: CliInstall[] = [];

beforeAll(async () => {
  server = await startTestServer();
});
afterEach(async () => {
  await Promise.all(installs.splice(0).map((install) => install.remove()));
});
afterAll(async () => {
  await server?.stop();
});

async function install(): Promise<CliInstall> {
  const created = await newInstall();
  installs.push(created);
  return created;
}

const newAccount = () => server.createAccount(`cli-${randomUUID().slice(0, 8)}`);
const serverOption = () => ["--server", `${server.host}:${server.starttlsPort}`];

/** A command line signed in to a fresh account. */
async function signedIn() {
  const account = await newAccount();
  const cli = await install();
  const ran = await cli.run(["sign-in", account.jid, ...serverOption(), "--password-stdin"], `${account.password}\n`);
  expect(ran, ran.stderr).toMatchObject({ code: 0 });
  return { account, cli };
}

async function listed(cli: CliInstall, jid?: string): Promise<ClientList> {
  const ran = await cli.run(["list", ...(jid ? [jid] : []), "--json"]);
  expect(ran.code, ran.stderr).toBe(0);
  return clientListSchema.parse(JSON.parse(ran.stdout));
}

describe("help and usage", () => {
  it("documents every command and the exit codes", async () => {
    const cli = await install();
    for (const command of [[], ["accounts"], ["sign-in"], ["list"], ["revoke"], ["change-password"], ["sign-out"]]) {
      const ran = await cli.run([...command, "--help"]);
      expect(ran.code).toBe(0);
      expect(ran.stdout).toContain("Exit codes:");
      expect(ran.stdout).toMatch(/3 +cannot connect/);
    }
  });

  it("exits 2 on an unknown command or option, or a missing argument", async () => {
    const cli = await install();
    for (const args of [["frobnicate"], ["list", "--colour"], ["revoke"], ["sign-in", "a@b", "--server", "nohost"], ["sign-in", "a@b", "--direct-tls"]]) {
      const ran = await cli.run(args);
      expect(ran.code, args.join(" ")).toBe(2);
      expect(ran.stderr).not.toBe("");
    }
  });

  it("never takes a password as an argument", async () => {
    const account = await newAccount();
    const cli = await install();
    for (const args of [
      ["sign-in", account.jid, "--password", account.password],
      ["sign-in", account.jid, `--password=${account.password}`],
      ["change-password", account.jid, "--new-password", account.password],
      ["--pass", account.password, "list"],
    ]) {
      const ran = await cli.run(args);
      expect(ran.code).toBe(2);
      expect(ran.stderr).toContain("never takes a password as an argument");
      expect(ran.stdout + ran.stderr).not.toContain(account.password);
    }
    // Nothing was signed in.
    expect(wardenStateSchema.parse(JSON.parse((await cli.run(["accounts", "--json"])).stdout))).toEqual({ accounts: [], preferences: { inactiveAfterDays: 30 } });
  });
});

describe("signing in", () => {
  it("signs in with the password from stdin and keeps the sign-in for the next commands", async () => {
    const { account, cli } = await signedIn();
    const accounts = await cli.run(["accounts", "--json"]);
    expect(accounts.code).toBe(0);
    expect(wardenStateSchema.parse(JSON.parse(accounts.stdout))).toMatchObject({
      accounts: [{ jid: account.jid, state: { status: "online", credentials: "keychain" } }],
    });
    const table = await cli.run(["accounts"]);
    expect(table.stdout).toMatch(new RegExp(`${account.jid} +signed in +${server.host}:${server.starttlsPort}`));
  });

  it("exits 1 when the server refuses the password, and adds no account", async () => {
    const account = await newAccount();
    const cli = await install();
    const ran = await cli.run(["sign-in", account.jid, ...serverOption()], "not the password\n");
    expect(ran.code).toBe(1);
    expect(ran.stderr).toContain("did not accept the password");
    expect(JSON.parse((await cli.run(["accounts", "--json"])).stdout)).toEqual({ accounts: [], preferences: { inactiveAfterDays: 30 } });
  });

  it("exits 3 when the server cannot be reached", async () => {
    const closed = await new Promise<number>((resolve) => {
      const probe = createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
    });
    const account = await newAccount();
    const cli = await install();
    const ran = await cli.run(["sign-in", account.jid, "--server", `127.0.0.1:${closed}`], `${account.password}\n`);
    expect(ran.code).toBe(3);
    expect(ran.stderr).toContain("Could not connect");
  });

  it("exits 2 when no password comes on stdin", async () => {
    const cli = await install();
    const ran = await cli.run(["sign-in", "someone@localhost", ...serverOption()], "");
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain("Expected the password on standard input");
  });
});

describe("listing", () => {
  it("lists what has access, as the shared ClientList and as a table without colour", async () => {
    const { account, cli } = await signedIn();
    const phone = await signInOtherClient(server, account, { uaId: randomUUID(), software: "Conversations", device: "Pixel 8" });
    try {
      const list = await listed(cli); // the only account: no need to name it
      expect(list.clients).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ isCurrent: true, userAgent: expect.objectContaining({ software: "Warden command line" }) }),
          expect.objectContaining({ connected: true, authMethods: ["password"], userAgent: expect.objectContaining({ software: "Conversations", device: "Pixel 8" }) }),
        ]),
      );
      const table = await cli.run(["list", account.jid], "", { NO_COLOR: "" });
      expect(table.code).toBe(0);
      expect(table.stdout.split("\n")[0]).toMatch(/^ID +SOFTWARE +DEVICE +CONNECTED +SIGNED IN WITH$/);
      expect(table.stdout).toMatch(/Conversations +Pixel 8 +connected now +password/);
      expect(table.stdout).toContain("Warden command line (this command line)");
      expect(table.stdout).not.toContain("\u001b[");
    } finally {
      await signOutOtherClient(phone);
    }
  });

  it("exits 3 for an account this device is not signed in to", async () => {
    const cli = await install();
    const none = await cli.run(["list"]);
    expect(none.code).toBe(3);
    expect(none.stderr).toContain("warden sign-in");
    expect((await cli.run(["list", "nobody@localhost", "--json"])).code).toBe(3);
  });

  it("asks which account when several are known", async () => {
    const { cli } = await signedIn();
    const other = await newAccount();
    expect((await cli.run(["sign-in", other.jid, ...serverOption()], `${other.password}\n`)).code).toBe(0);
    expect((await cli.run(["list"])).code).toBe(2);
    expect((await listed(cli, other.jid)).clients.some((c) => c.isCurrent)).toBe(true);
  });
});

describe("revoking", () => {
  it("refuses without --yes when not at a terminal, then revokes with it, one outcome per id", async () => {
    // Signed in with the password: the revoke ends its session, and says it can come back with the password.
    const { account, cli } = await signedIn();
    const phone = await signInOtherClient(server, account, { uaId: randomUUID(), software: "Conversations" });
    const id = (await listed(cli)).clients.find((c) => c.userAgent.software === "Conversations")!.id;

    const refused = await cli.run(["revoke", account.jid, id]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain("--yes");
    expect((await listed(cli)).clients.find((c) => c.id === id)).toMatchObject({ connected: true });

    const ran = await cli.run(["revoke", account.jid, id, "--yes", "--json"]);
    expect(ran.code, ran.stderr).toBe(0);
    const report = z.array(z.object({ id: z.string(), result: revokeResultSchema })).parse(JSON.parse(ran.stdout));
    expect(report).toEqual([{ id, result: { ok: true, value: { outcome: "knows-password", removed: ["session"] } } }]);
    await phone.disconnected;
    expect((await listed(cli)).clients.find((c) => c.id === id)).toMatchObject({ connected: false });
  });

  it("exits 1 when the server forbids it", async () => {
    const { account, cli } = await signedIn();
    await server.setRole(account.jid, "prosody:guest");
    const ran = await cli.run(["revoke", account.jid, "client/whatever", "--yes"]);
    expect(ran.code).toBe(1);
  });
});

describe("changing the password", () => {
  it("exits 1 on a wrong current password, and changes it with the right one", async () => {
    const { account, cli } = await signedIn();
    const newPassword = `new-${randomUUID()}`;
    const wrong = await cli.run(["change-password", account.jid], `not the password\n${newPassword}\n`);
    expect(wrong.code, wrong.stderr).toBe(1);
    expect(wrong.stderr).toContain("did not accept the current password");

    const ran = await cli.run(["change-password", account.jid, "--password-stdin"], `${account.password}\n${newPassword}\n`);
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout + ran.stderr).not.toContain(newPassword);
    // The renewed sign-in is kept, and the server takes the new password.
    expect((await cli.run(["list", "--json"])).code).toBe(0);
    const fresh = await install();
    expect((await fresh.run(["sign-in", account.jid, ...serverOption()], `${newPassword}\n`)).code).toBe(0);
  });
});

describe("signing out", () => {
  it("forgets the stored sign-in; --forget also forgets the account", async () => {
    const { account, cli } = await signedIn();
    expect((await cli.run(["sign-out", account.jid])).code).toBe(0);
    const list = await cli.run(["list", account.jid]);
    expect(list.code).toBe(3);
    expect(list.stderr).toContain("signed out");
    expect(wardenStateSchema.parse(JSON.parse((await cli.run(["accounts", "--json"])).stdout)).accounts.map(({ jid, state }) => ({ jid, state }))).toEqual([
      { jid: account.jid, state: { status: "signed-out" } },
    ]);

    expect((await cli.run(["sign-out", account.jid, "--forget"])).code).toBe(0);
    expect(JSON.parse((await cli.run(["accounts", "--json"])).stdout)).toEqual({ accounts: [], preferences: { inactiveAfterDays: 30 } });
  });
});
