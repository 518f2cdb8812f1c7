import { describe, it, expect } from "vitest";
import type { ClientInfo, ManageClientsProtocol } from "../../../src/shared/client-info.js";
import { clientInfoSchema } from "../../../src/shared/client-info.js";
import { classifyListReply, type ListReply } from "../../../src/core/protocol/list-reply.js";
import { parseClientList } from "../../../src/core/protocol/client-list.js";
import { classifyRevokeReply, type RevokeReply } from "../../../src/core/protocol/revoke-reply.js";
import { classifyPasswordChangeReply } from "../../../src/core/protocol/password-change-reply.js";
import { parseStanzaError } from "../../../src/core/protocol/stanza-error.js";
import { buildListRequest, buildPasswordChangeRequest, buildRevokeRequest } from "../../../src/core/protocol/requests.js";
import { goldenNames, loadGolden, parseXml, withoutIqId, type Golden } from "./golden-loader.js";

const SELF = "client/0b5b7a3c-8d2e-4a36-9f51-6a1d2c3e4f50";
const isSelf = (id: string): boolean => id === SELF;
const nobody = (): boolean => false;

// Timestamps as epoch ms, written out (checked against Date.parse when the vectors were written).
const T_19_34_11 = 1795808051000; // 2026-11-27T19:34:11Z
const T_19_34_12 = 1795808052000;
const T_19_34_13 = 1795808053000;
const T_19_34_14 = 1795808054000;
const T_2023_04_06_14_26_08 = 1680791168000;
const T_2023_04_06_14_37_25 = 1680791845000;
const T_2023_03_27_15_16_09 = 1679930169000;
const T_2023_03_27_15_37_24 = 1679931444000;

const romeoLaptop = (authMethods: string[]): ClientInfo => ({
  id: SELF,
  kind: "session",
  connected: true,
  firstSeen: T_19_34_11,
  lastSeen: T_19_34_11,
  authMethods,
  userAgent: { software: "Example Desktop", device: "Romeo's laptop" },
  isCurrent: true,
});

const pixel = (authMethods: string[]): ClientInfo => ({
  id: "client/9f8e7d6c-5b4a-4321-8765-43210fedcba9",
  kind: "session",
  connected: false,
  firstSeen: T_19_34_12,
  lastSeen: T_19_34_12,
  authMethods,
  userAgent: { software: "Conversations", device: "Pixel 8" },
  isCurrent: false,
});

const bareSasl2: ClientInfo = {
  id: "client/5a5a5a5a-1111-4222-8333-944444444444",
  kind: "session",
  connected: true,
  firstSeen: T_19_34_13,
  lastSeen: T_19_34_13,
  authMethods: ["password"],
  userAgent: {},
  isCurrent: false,
};

const legacy: ClientInfo = {
  id: "client/V3QHIlxdsTJ5",
  kind: "session",
  connected: true,
  firstSeen: T_19_34_14,
  lastSeen: T_19_34_14,
  authMethods: ["password"],
  userAgent: {},
  isCurrent: false,
};

const movimGrant: ClientInfo = {
  id: "grant/ldbVKJJELw8f",
  kind: "access",
  connected: false,
  firstSeen: T_19_34_14,
  lastSeen: T_19_34_14,
  authMethods: ["token"],
  userAgent: { software: "Movim", softwareId: "movim-web", softwareVersion: "0.29.1", uri: "https://movim.eu/" },
  isCurrent: false,
};

/** Expected classification of every golden reply. Each golden file must appear here. */
type Expectation =
  | { kind: "list"; protocol: ManageClientsProtocol; isCurrent: (id: string) => boolean; expected: ListReply }
  | { kind: "revoke"; expected: RevokeReply }
  | { kind: "password-change" };

const EXPECTED: Record<string, Expectation> = {
  "list-mixed": {
    kind: "list",
    protocol: "prosody",
    isCurrent: isSelf,
    expected: { kind: "clients", clients: [romeoLaptop(["password"]), pixel(["password", "fast"]), bareSasl2, legacy, movimGrant] },
  },
  "list-after-password-change": {
    kind: "list",
    protocol: "prosody",
    isCurrent: isSelf,
    expected: { kind: "clients", clients: [romeoLaptop([])] },
  },
  "list-self-only": {
    kind: "list",
    protocol: "prosody",
    isCurrent: isSelf,
    expected: { kind: "clients", clients: [romeoLaptop(["password"])] },
  },
  "list-after-revokes": {
    kind: "list",
    protocol: "prosody",
    isCurrent: isSelf,
    expected: { kind: "clients", clients: [romeoLaptop(["password"]), pixel(["password"]), bareSasl2, legacy] },
  },
  "spec-seed-list": {
    kind: "list",
    protocol: "prosody",
    isCurrent: nobody,
    expected: {
      kind: "clients",
      clients: [
        {
          id: "client/zeiP41HLglIu",
          kind: "session",
          connected: true,
          firstSeen: T_2023_04_06_14_26_08,
          lastSeen: T_2023_04_06_14_37_25,
          authMethods: ["password"],
          userAgent: { software: "Gajim", uri: "https://gajim.org/", device: "Juliet's laptop" },
          isCurrent: false,
        },
        {
          id: "grant/HjEEr45_LQr",
          kind: "access",
          connected: false,
          firstSeen: T_2023_03_27_15_16_09,
          lastSeen: T_2023_03_27_15_37_24,
          authMethods: [],
          userAgent: { software: "REST client" },
          isCurrent: false,
        },
      ],
    },
  },
  "spec-xep0494-list": {
    kind: "list",
    protocol: "xep-0494",
    isCurrent: (id) => id === "zeiP41HLglIu",
    expected: {
      kind: "clients",
      clients: [
        {
          id: "zeiP41HLglIu",
          kind: "session",
          connected: true,
          firstSeen: T_2023_04_06_14_26_08,
          lastSeen: T_2023_04_06_14_37_25,
          authMethods: ["password"],
          userAgent: { software: "Gajim", uri: "https://gajim.org/", device: "Juliet's laptop" },
          permission: "unrestricted",
          isCurrent: true,
        },
        {
          id: "HjEEr45_LQr",
          kind: "access",
          connected: false,
          firstSeen: T_2023_03_27_15_16_09,
          lastSeen: T_2023_03_27_15_37_24,
          authMethods: ["token"],
          userAgent: { software: "REST client" },
          permission: "normal",
          isCurrent: false,
        },
      ],
    },
  },
  "list-forbidden-role": { kind: "list", protocol: "prosody", isCurrent: nobody, expected: { kind: "forbidden" } },
  "list-server-without-module": { kind: "list", protocol: "prosody", isCurrent: nobody, expected: { kind: "not-served" } },
  "revoke-grant-success": { kind: "revoke", expected: { outcome: "revoked" } },
  "revoke-offline-password-client": { kind: "revoke", expected: { outcome: "password-reset-required", text: "Password reset required" } },
  "revoke-by-software": { kind: "revoke", expected: { outcome: "password-reset-required", text: "Password reset required" } },
  "revoke-unknown-id": { kind: "revoke", expected: { outcome: "not-found" } },
  "revoke-malformed-selector": { kind: "revoke", expected: { outcome: "not-found" } },
  "revoke-connected-sasl2-client": { kind: "revoke", expected: { outcome: "failed", condition: "undefined-condition", retryLater: false } },
  "spec-xep0494-revoke-password-reset": { kind: "revoke", expected: { outcome: "password-reset-required" } },
  "password-change": { kind: "password-change" },
};

/** The request each golden file's request must equal (modulo the iq id). */
function expectedRequest(name: string, g: Golden): string {
  const exp = EXPECTED[name];
  if (exp === undefined) throw new Error(`no expectation for ${name}`);
  switch (exp.kind) {
    case "list":
      return buildListRequest(exp.protocol).toString();
    case "revoke": {
      const protocol: ManageClientsProtocol = name.startsWith("spec-xep0494") ? "xep-0494" : "prosody";
      const id = g.request.children.find((c) => typeof c !== "string")?.attrs.id ?? "";
      return buildRevokeRequest(protocol, id).toString();
    }
    case "password-change":
      return buildPasswordChangeRequest("localhost", "romeo", "n3w-s3cret-pw").toString();
  }
}

describe("golden files", () => {
  it("every golden file has an expectation, and every expectation a file", () => {
    expect(goldenNames()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const name of goldenNames()) {
    describe(name, () => {
      const g = loadGolden(name);
      const exp = EXPECTED[name];

      it("has a source line", () => {
        expect(g.source.length).toBeGreaterThan(0);
      });

      it("request built by requests.ts equals the golden request, ignoring the id", () => {
        expect(expectedRequest(name, g)).toBe(withoutIqId(g.requestText));
      });

      it("reply classifies as expected", () => {
        if (exp === undefined) throw new Error(`no expectation for ${name}`);
        switch (exp.kind) {
          case "list": {
            const r = classifyListReply(g.response, exp.protocol, exp.isCurrent);
            expect(r).toEqual({ ok: true, value: exp.expected });
            if (r.ok && r.value.kind === "clients") {
              for (const c of r.value.clients) expect(clientInfoSchema.safeParse(c).success).toBe(true);
            }
            break;
          }
          case "revoke":
            expect(classifyRevokeReply(g.response)).toEqual({ ok: true, value: exp.expected });
            break;
          case "password-change":
            expect(classifyPasswordChangeReply(g.response)).toEqual({ ok: true, value: { outcome: "changed" } });
            break;
        }
      });
    });
  }
});

describe("golden details", () => {
  it("list-mixed: ids are exactly as sent, in the server's order, and only the predicate's id is current", () => {
    const r = parseClientList(loadGolden("list-mixed").response, "prosody", isSelf);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((c) => c.id)).toEqual([
      "client/0b5b7a3c-8d2e-4a36-9f51-6a1d2c3e4f50",
      "client/9f8e7d6c-5b4a-4321-8765-43210fedcba9",
      "client/5a5a5a5a-1111-4222-8333-944444444444",
      "client/V3QHIlxdsTJ5",
      "grant/ldbVKJJELw8f",
    ]);
    expect(r.value.map((c) => c.isCurrent)).toEqual([true, false, false, false, false]);
    // No undefined-valued keys leak into the values (they cross IPC).
    for (const c of r.value) {
      for (const v of Object.values(c)) expect(v).not.toBeUndefined();
      for (const v of Object.values(c.userAgent)) expect(v).not.toBeUndefined();
    }
  });

  it("a list reply parsed with the other protocol is a protocol error (no <clients> in that namespace)", () => {
    expect(parseClientList(loadGolden("list-mixed").response, "xep-0494", nobody)).toEqual({
      ok: false,
      error: { kind: "protocol", detail: 'the reply has no <clients xmlns="urn:xmpp:cam:0">' },
    });
  });

  it("permission is read only for xep-0494", () => {
    const text = loadGolden("spec-xep0494-list").responseText.replaceAll("urn:xmpp:cam:0", "xmpp:prosody.im/protocol/manage-clients");
    const r = parseClientList(parseXml(text), "prosody", nobody);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.map((c) => c.permission)).toEqual([undefined, undefined]);
    expect(r.value.map((c) => "permission" in c)).toEqual([false, false]);
  });

  it("stanza errors: condition, text, type and application condition", () => {
    expect(parseStanzaError(loadGolden("revoke-offline-password-client").response)).toEqual({
      condition: "service-unavailable",
      text: "Password reset required",
      type: "cancel",
      appCondition: { name: "password-reset-required", ns: "xmpp:prosody.im/protocol/manage-clients" },
    });
    expect(parseStanzaError(loadGolden("spec-xep0494-revoke-password-reset").response)).toEqual({
      condition: "service-unavailable",
      type: "cancel",
      appCondition: { name: "password-reset-required", ns: "urn:xmpp:cam:0" },
    });
    expect(parseStanzaError(loadGolden("list-forbidden-role").response)).toEqual({ condition: "forbidden", type: "auth" });
    expect(parseStanzaError(loadGolden("revoke-unknown-id").response)).toEqual({
      condition: "item-not-found",
      text: "Client not found",
      type: "cancel",
    });
    expect(parseStanzaError(loadGolden("revoke-grant-success").response)).toEqual({ condition: "undefined-condition" });
  });
});
