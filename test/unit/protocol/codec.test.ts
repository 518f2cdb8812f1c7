import { describe, it, expect } from "vitest";
import type { ClientInfo } from "../../../src/shared/client-info.js";
import { NS_CAM, NS_PROSODY, NS_STANZAS, namespaceOf, otherProtocol, protocolOf } from "../../../src/core/protocol/namespaces.js";
import { MAX_AUTH_METHODS, MAX_ID_LENGTH, parseClientList, parseClientListDetailed } from "../../../src/core/protocol/client-list.js";
import { classifyListReply } from "../../../src/core/protocol/list-reply.js";
import { classifyRevokeReply, closedSessionOnly, signedInAgain, verifiedOutcome } from "../../../src/core/protocol/revoke-reply.js";
import { classifyPasswordChangeReply } from "../../../src/core/protocol/password-change-reply.js";
import { parseStanzaError } from "../../../src/core/protocol/stanza-error.js";
import { buildPasswordChangeRequest, buildRevokeRequest } from "../../../src/core/protocol/requests.js";
import { MAX_FIELD_LENGTH } from "../../../src/core/protocol/xml-walk.js";
import type { XmlElement } from "../../../src/core/protocol/xml.js";
import { parseXml } from "./golden-loader.js";

const nobody = (): boolean => false;
const list = (clients: string, ns = NS_PROSODY): XmlElement =>
  parseXml(`<iq type="result" xmlns="jabber:client"><clients xmlns="${ns}">${clients}</clients></iq>`);
const parseOk = (el: XmlElement, protocol: "prosody" | "xep-0494" = "prosody"): ClientInfo[] => {
  const r = parseClientList(el, protocol, nobody);
  if (!r.ok) throw new Error(r.error.detail);
  return r.value;
};

describe("namespaces", () => {
  it("maps protocols and namespaces both ways", () => {
    expect(namespaceOf("prosody")).toBe("xmpp:prosody.im/protocol/manage-clients");
    expect(namespaceOf("xep-0494")).toBe("urn:xmpp:cam:0");
    expect(protocolOf(NS_PROSODY)).toBe("prosody");
    expect(protocolOf(NS_CAM)).toBe("xep-0494");
    expect(protocolOf("jabber:client")).toBeUndefined();
    expect(otherProtocol("prosody")).toBe("xep-0494");
    expect(otherProtocol("xep-0494")).toBe("prosody");
  });
});

describe("requests", () => {
  it("escapes ids and passwords", () => {
    expect(buildRevokeRequest("xep-0494", `a"<&>'b`).toString()).toBe(
      `<iq type="set"><revoke xmlns="urn:xmpp:cam:0" id="a&quot;&lt;&amp;&gt;&apos;b"/></iq>`,
    );
    expect(buildPasswordChangeRequest("example.org", "juliet", "<&>").toString()).toBe(
      `<iq type="set" to="example.org"><query xmlns="jabber:iq:register"><username>juliet</username><password>&lt;&amp;&gt;</password></query></iq>`,
    );
  });
});

describe("parseClientList", () => {
  it("skips clients without a usable id, and later duplicates", () => {
    const r = parseClientListDetailed(
      list(`<client/><client id=""/><client id="${"x".repeat(MAX_ID_LENGTH + 1)}"/><client id="a"/><client id="a" type="access"/><client id=" b "/>`),
      "prosody",
      nobody,
    );
    expect(r.ok && r.value.skipped).toBe(4);
    expect(r.ok && r.value.clients.map((c) => [c.id, c.kind])).toEqual([
      ["a", "session"],
      [" b ", "session"], // ids are never trimmed or otherwise altered
    ]);
  });

  it("keeps an id of exactly MAX_ID_LENGTH", () => {
    expect(parseOk(list(`<client id="${"y".repeat(MAX_ID_LENGTH)}"/>`))[0]?.id.length).toBe(MAX_ID_LENGTH);
  });

  it("a bare client gets defaults", () => {
    expect(parseOk(list(`<client id="c"/>`))).toEqual([
      { id: "c", kind: "session", connected: false, authMethods: [], userAgent: {}, isCurrent: false },
    ]);
  });

  it("connected accepts true and 1 only; type other than access is session", () => {
    const ids = ["true", "1", "false", "0", "TRUE", "yes", ""];
    const clients = parseOk(list(ids.map((v, i) => `<client id="${i}" connected="${v}" type="${i === 0 ? "access" : v}"/>`).join("")));
    expect(clients.map((c) => c.connected)).toEqual([true, true, false, false, false, false, false]);
    expect(clients.map((c) => c.kind)).toEqual(["access", "session", "session", "session", "session", "session", "session"]);
  });

  it("auth methods: mapped, unknown kept, de-duplicated, merged across <auth>, capped", () => {
    const c = parseOk(list(`<client id="c"><auth><grant/><bearer-token/><password/>text<fast/><password/><x-otp/></auth><auth><sso/></auth></client>`));
    expect(c[0]?.authMethods).toEqual(["token", "password", "fast", "x-otp", "sso"]);
    const many = Array.from({ length: 40 }, (_, i) => `<m${i}/>`).join("");
    expect(parseOk(list(`<client id="c"><auth>${many}</auth></client>`))[0]?.authMethods.length).toBe(MAX_AUTH_METHODS);
  });

  it("user agent: trimmed, empty → absent, first of each wins, capped", () => {
    const long = "é".repeat(MAX_FIELD_LENGTH + 500);
    const c = parseOk(
      list(
        `<client id="c"><user-agent><software id=" " version="1.0 ">  </software><software>second</software><uri> u </uri><device>${long}</device></user-agent><user-agent><software>later</software></user-agent></client>`,
      ),
    );
    expect(c[0]?.userAgent).toEqual({ softwareVersion: "1.0", uri: "u", device: "é".repeat(MAX_FIELD_LENGTH) });
  });

  it("caps without splitting a surrogate pair", () => {
    const c = parseOk(list(`<client id="c"><user-agent><device>${"a" + "😀".repeat(MAX_FIELD_LENGTH)}</device></user-agent></client>`));
    const device = c[0]?.userAgent.device ?? "";
    expect(device.length).toBe(MAX_FIELD_LENGTH - 1);
    expect(device.endsWith("😀")).toBe(true);
  });

  it("timestamps: first element wins, garbage → absent", () => {
    const c = parseOk(list(`<client id="c"><first-seen>yesterday</first-seen><first-seen>2026-11-27T19:34:11Z</first-seen><last-seen>2026-11-27T19:34:11Z</last-seen></client>`));
    expect(c[0]).not.toHaveProperty("firstSeen");
    expect(c[0]?.lastSeen).toBe(1795808051000);
  });

  it("permission: xep-0494 only, valid values only", () => {
    const body = `<client id="a"><permission status="restricted"/></client><client id="b"><permission status="admin"/></client><client id="c"><permission/></client>`;
    expect(parseOk(list(body, NS_CAM), "xep-0494").map((c) => c.permission)).toEqual(["restricted", undefined, undefined]);
    expect(parseOk(list(body)).map((c) => c.permission)).toEqual([undefined, undefined, undefined]);
  });

  it("ignores children in foreign namespaces", () => {
    const c = parseOk(list(`<client id="a"/><client xmlns="urn:other" id="b"/><client id="c"><auth xmlns="urn:other"><password/></auth></client>`));
    expect(c.map((x) => [x.id, x.authMethods])).toEqual([["a", []], ["c", []]]);
  });

  it("missing or wrong-namespace <clients> is a protocol error", () => {
    expect(parseClientList(parseXml(`<iq type="result"/>`), "prosody", nobody).ok).toBe(false);
    expect(parseClientList(parseXml(`<iq type="result"><clients/></iq>`), "prosody", nobody).ok).toBe(false);
    expect(parseClientList(list("", NS_CAM), "prosody", nobody).ok).toBe(false);
    expect(parseClientList(list(""), "prosody", nobody)).toEqual({ ok: true, value: [] });
  });

  it("tolerates shapes ltx never produces", () => {
    const weird = [
      null,
      undefined,
      "text",
      42,
      {},
      { name: "iq" },
      { name: "iq", attrs: null, children: null },
      { name: "iq", attrs: { type: 5 }, children: [null, 1, {}, { name: "clients", attrs: { xmlns: NS_PROSODY }, children: "nope" }] },
      { name: "iq", attrs: { type: "result" }, children: [{ name: "clients", attrs: { xmlns: NS_PROSODY }, children: [{ name: "client", attrs: { id: "x", connected: true }, children: [{ name: "auth", attrs: null, children: [{ name: 7 }, { name: "" }] }] }] }] },
    ] as unknown as XmlElement[];
    for (const w of weird) {
      expect(() => parseClientList(w, "prosody", nobody)).not.toThrow();
      expect(() => classifyListReply(w, "prosody", nobody)).not.toThrow();
      expect(() => classifyRevokeReply(w)).not.toThrow();
      expect(() => classifyPasswordChangeReply(w)).not.toThrow();
      expect(() => parseStanzaError(w)).not.toThrow();
    }
    expect(classifyListReply(weird[8] as XmlElement, "prosody", nobody)).toEqual({
      ok: true,
      value: { kind: "clients", clients: [{ id: "x", kind: "session", connected: false, authMethods: [], userAgent: {}, isCurrent: false }] },
    });
  });
});

describe("stanza errors", () => {
  const errorIq = (inner: string, type = ` type="modify"`): XmlElement => parseXml(`<iq type="error"><error${type}>${inner}</error></iq>`);

  it("no <error>, or no condition → undefined-condition", () => {
    expect(parseStanzaError(parseXml(`<iq type="error"/>`))).toEqual({ condition: "undefined-condition" });
    expect(parseStanzaError(errorIq(`<text xmlns="${NS_STANZAS}">why</text>`, ""))).toEqual({ condition: "undefined-condition", text: "why" });
  });

  it("first condition wins; text skipped; app condition is the first foreign-namespace child", () => {
    expect(
      parseStanzaError(
        errorIq(`<text xmlns="${NS_STANZAS}">t</text><bad-request xmlns="${NS_STANZAS}"/><conflict xmlns="${NS_STANZAS}"/><a xmlns="urn:a"/><b xmlns="urn:b"/>`),
      ),
    ).toEqual({ condition: "bad-request", text: "t", type: "modify", appCondition: { name: "a", ns: "urn:a" } });
  });

  it("a condition without the stanza-error namespace is not a defined condition", () => {
    expect(parseStanzaError(errorIq(`<forbidden/>`))).toEqual({ condition: "undefined-condition", type: "modify" });
  });
});

describe("list reply", () => {
  const errorIq = (inner: string): XmlElement => parseXml(`<iq type="error"><error type="cancel">${inner}</error></iq>`);
  it.each([
    [`<service-unavailable xmlns="${NS_STANZAS}"/>`, { kind: "not-served" }],
    [`<feature-not-implemented xmlns="${NS_STANZAS}"/>`, { kind: "not-served" }],
    [`<service-unavailable xmlns="${NS_STANZAS}"/><x xmlns="urn:x"/>`, { kind: "server-error", condition: "service-unavailable" }],
    [`<forbidden xmlns="${NS_STANZAS}"/><text xmlns="${NS_STANZAS}">no</text>`, { kind: "forbidden", text: "no" }],
    [`<internal-server-error xmlns="${NS_STANZAS}"/>`, { kind: "server-error", condition: "internal-server-error" }],
    [``, { kind: "server-error", condition: "undefined-condition" }],
  ])("%s", (inner, expected) => {
    expect(classifyListReply(errorIq(inner), "prosody", nobody)).toEqual({ ok: true, value: expected });
  });

  it("other iq types and non-iq elements are protocol errors", () => {
    expect(classifyListReply(parseXml(`<iq type="get"/>`), "prosody", nobody)).toEqual({ ok: false, error: { kind: "protocol", detail: `unexpected <iq type="get"> reply` } });
    expect(classifyListReply(parseXml(`<message/>`), "prosody", nobody).ok).toBe(false);
  });
});

describe("revoke reply", () => {
  const errorIq = (inner: string): XmlElement => parseXml(`<iq type="error"><error type="cancel">${inner}</error></iq>`);
  it("password-reset-required in either namespace, even after another app condition", () => {
    for (const ns of [NS_PROSODY, NS_CAM]) {
      expect(classifyRevokeReply(errorIq(`<service-unavailable xmlns="${NS_STANZAS}"/><x xmlns="urn:x"/><password-reset-required xmlns="${ns}"/>`))).toEqual({
        ok: true,
        value: { outcome: "password-reset-required" },
      });
    }
    expect(classifyRevokeReply(errorIq(`<service-unavailable xmlns="${NS_STANZAS}"/><password-reset-required xmlns="urn:other"/>`))).toEqual({
      ok: true,
      value: { outcome: "failed", condition: "service-unavailable", retryLater: false },
    });
  });

  it("forbidden", () => {
    expect(classifyRevokeReply(errorIq(`<forbidden xmlns="${NS_STANZAS}"/>`))).toEqual({ ok: true, value: { outcome: "forbidden" } });
  });

  const client = (over: Partial<ClientInfo>): ClientInfo => ({ id: "c", kind: "session", connected: false, authMethods: [], userAgent: {}, isCurrent: false, ...over });

  it("internal-server-error of type wait: failed, retry later", () => {
    const reply = parseXml(
      `<iq type="error"><error type="wait"><internal-server-error xmlns="${NS_STANZAS}"/><text xmlns="${NS_STANZAS}">Unable to revoke client access</text></error></iq>`,
    );
    expect(classifyRevokeReply(reply)).toEqual({
      ok: true,
      value: { outcome: "failed", condition: "internal-server-error", text: "Unable to revoke client access", retryLater: true },
    });
  });

  it("only undefined-condition means the session was closed and the rest kept", () => {
    expect(closedSessionOnly({ outcome: "failed", condition: "undefined-condition", retryLater: false })).toBe(true);
    expect(closedSessionOnly({ outcome: "failed", condition: "internal-server-error", retryLater: true })).toBe(false);
    for (const o of ["revoked", "not-found", "forbidden", "password-reset-required"] as const) expect(closedSessionOnly({ outcome: o })).toBe(false);
  });

  it("states only what the next list shows", () => {
    const none = { sawConnected: false, tokensRemoved: false };
    const closedAndTaken = { sawConnected: true, tokensRemoved: true };
    expect(verifiedOutcome("access", undefined, none)).toEqual({ done: { outcome: "gone", removed: ["grant"] } });
    expect(verifiedOutcome("session", undefined, closedAndTaken)).toEqual({ done: { outcome: "gone", removed: ["session", "fast-tokens"] } });
    expect(verifiedOutcome("session", client({ authMethods: ["password"] }), closedAndTaken)).toEqual({
      done: { outcome: "knows-password", removed: ["session", "fast-tokens"] },
    });
    // Its tokens were never reached while it was disconnected: not claimed.
    expect(verifiedOutcome("session", client({ authMethods: ["password"] }), { sawConnected: true, tokensRemoved: false })).toEqual({
      done: { outcome: "knows-password", removed: ["session"] },
    });
    expect(verifiedOutcome("session", client({ authMethods: ["password", "fast"] }), none)).toEqual({ again: "disconnected" });
    expect(verifiedOutcome("session", client({ connected: true, authMethods: ["password", "fast"] }), { sawConnected: true, tokensRemoved: false })).toEqual({
      again: "connected",
    });
    expect(verifiedOutcome("session", client({ connected: true, authMethods: ["password", "fast"] }), closedAndTaken)).toEqual({
      done: { outcome: "signed-in-again", with: "password" },
    });
    expect(signedInAgain(client({ connected: true, authMethods: ["password", "fast"] }), { sawConnected: true, tokensRemoved: false })).toEqual({
      outcome: "signed-in-again",
      with: "token",
    });
  });
});

describe("password change reply", () => {
  it("error → refused with condition and text", () => {
    expect(
      classifyPasswordChangeReply(parseXml(`<iq type="error"><error type="modify"><not-acceptable xmlns="${NS_STANZAS}"/><text xmlns="${NS_STANZAS}">too short</text></error></iq>`)),
    ).toEqual({ ok: true, value: { outcome: "refused", condition: "not-acceptable", text: "too short" } });
  });
});
