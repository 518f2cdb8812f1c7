import { describe, it, expect } from "vitest";
import fc from "fast-check";
import { z } from "zod";
import { clientInfoSchema, type ManageClientsProtocol } from "../../../src/shared/client-info.js";
import { NS_CAM, NS_PROSODY, NS_REGISTER, NS_STANZAS } from "../../../src/core/protocol/namespaces.js";
import { MAX_AUTH_METHODS, MAX_ID_LENGTH, parseClientListDetailed } from "../../../src/core/protocol/client-list.js";
import { classifyListReply } from "../../../src/core/protocol/list-reply.js";
import { classifyRevokeReply } from "../../../src/core/protocol/revoke-reply.js";
import { classifyPasswordChangeReply } from "../../../src/core/protocol/password-change-reply.js";
import { parseStanzaError } from "../../../src/core/protocol/stanza-error.js";
import { MAX_FIELD_LENGTH } from "../../../src/core/protocol/xml-walk.js";
import type { Element } from "ltx";
import { xml, type XmlElement } from "../../../src/core/protocol/xml.js";
import { goldenNames, loadGolden } from "./golden-loader.js";

// ---- the declared shapes -------------------------------------------------------------------

const protocolError = z.object({ kind: z.literal("protocol"), detail: z.string() }).strict();
const optText = z.string().min(1).max(MAX_FIELD_LENGTH).optional();
const resultOf = <T extends z.ZodType>(value: T) =>
  z.discriminatedUnion("ok", [z.object({ ok: z.literal(true), value }).strict(), z.object({ ok: z.literal(false), error: protocolError }).strict()]);

const strictClient = clientInfoSchema.strict().extend({
  id: z.string().min(1).max(MAX_ID_LENGTH),
  authMethods: z.array(z.string().min(1).max(MAX_FIELD_LENGTH)).max(MAX_AUTH_METHODS),
  userAgent: z
    .object({ software: optText, softwareId: optText, softwareVersion: optText, uri: optText, device: optText })
    .strict(),
});
const listReplySchema = resultOf(
  z.discriminatedUnion("kind", [
    z.object({ kind: z.literal("clients"), clients: z.array(strictClient) }).strict(),
    z.object({ kind: z.literal("not-served") }).strict(),
    z.object({ kind: z.literal("forbidden"), text: optText }).strict(),
    z.object({ kind: z.literal("server-error"), condition: z.string().min(1), text: optText }).strict(),
  ]),
);
const revokeReplySchema = resultOf(
  z.discriminatedUnion("outcome", [
    z.object({ outcome: z.literal("revoked") }).strict(),
    z.object({ outcome: z.literal("password-reset-required"), text: optText }).strict(),
    z.object({ outcome: z.literal("not-found") }).strict(),
    z.object({ outcome: z.literal("forbidden"), text: optText }).strict(),
    z.object({ outcome: z.literal("failed"), condition: z.string().min(1), text: optText, retryLater: z.boolean() }).strict(),
  ]),
);
const passwordReplySchema = resultOf(
  z.discriminatedUnion("outcome", [
    z.object({ outcome: z.literal("changed") }).strict(),
    z.object({ outcome: z.literal("refused"), condition: z.string().min(1), text: optText }).strict(),
  ]),
);
const stanzaErrorSchema = z
  .object({
    condition: z.string().min(1),
    text: optText,
    type: z.string().min(1).optional(),
    appCondition: z.object({ name: z.string(), ns: z.string().min(1) }).strict().optional(),
  })
  .strict();

const PROTOCOLS: readonly ManageClientsProtocol[] = ["prosody", "xep-0494"];

/** Feeds `el` to every parser and checks the declared shapes. */
function checkEverything(el: XmlElement): void {
  const predicateCalls: string[] = [];
  const isCurrent = (id: string): boolean => {
    predicateCalls.push(id);
    return id.length % 2 === 0;
  };
  for (const protocol of PROTOCOLS) {
    predicateCalls.length = 0;
    const detailed = parseClientListDetailed(el, protocol, isCurrent);
    if (detailed.ok) {
      const ids = detailed.value.clients.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(predicateCalls).toEqual(ids);
      expect(detailed.value.skipped).toBeGreaterThanOrEqual(0);
      for (const c of detailed.value.clients) {
        expect(c.isCurrent).toBe(c.id.length % 2 === 0);
        if (protocol === "prosody") expect(c).not.toHaveProperty("permission");
        for (const t of [c.firstSeen, c.lastSeen]) if (t !== undefined) expect(Number.isFinite(t)).toBe(true);
        expect(new Set(c.authMethods).size).toBe(c.authMethods.length);
      }
    } else {
      expect(protocolError.safeParse(detailed.error).success).toBe(true);
    }
    const list = classifyListReply(el, protocol, isCurrent);
    const parsed = listReplySchema.safeParse(list);
    if (!parsed.success) throw new Error(`list reply shape: ${JSON.stringify(list)} ${parsed.error.message}`);
  }
  const revoke = classifyRevokeReply(el);
  expect(revokeReplySchema.safeParse(revoke).success).toBe(true);
  const pw = classifyPasswordChangeReply(el);
  expect(passwordReplySchema.safeParse(pw).success).toBe(true);
  const se = parseStanzaError(el);
  expect(stanzaErrorSchema.safeParse(se).success).toBe(true);
}

// ---- random trees --------------------------------------------------------------------------

const NAMES = [
  "iq", "clients", "client", "list", "revoke", "error", "text", "first-seen", "last-seen", "auth", "password", "fast",
  "bearer-token", "grant", "user-agent", "software", "uri", "device", "permission", "service-unavailable",
  "feature-not-implemented", "forbidden", "item-not-found", "undefined-condition", "password-reset-required", "query",
];
const NAMESPACES = [NS_PROSODY, NS_CAM, NS_STANZAS, NS_REGISTER, "jabber:client", ""];
const ATTR_KEYS = ["id", "type", "connected", "status", "xmlns", "version", "to", "from"];
const ATTR_VALUES = [
  "result", "error", "get", "set", "session", "access", "true", "false", "1", "0", "unrestricted", "normal",
  "restricted", "cancel", "auth", "client/abc", "grant/xyz", ...NAMESPACES,
];
const TEXTS = ["2026-11-27T19:34:11Z", "2023-04-06T14:26:08+02:00", "2026-02-30T00:00:00Z", "  Movim  ", " ", "Password reset required"];

const nameArb = fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...NAMES) }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 12 }) });
const attrsArb = fc.dictionary(
  fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ATTR_KEYS) }, { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 8 }) }),
  fc.oneof(fc.constantFrom(...ATTR_VALUES), fc.string({ maxLength: 30 }), fc.string({ unit: "binary", maxLength: 30 })),
  { maxKeys: 5, noNullPrototype: true },
);
const textArb = fc.oneof(fc.constantFrom(...TEXTS), fc.string({ maxLength: 40 }), fc.string({ unit: "binary", maxLength: 40 }));

function el(name: string, attrs: Record<string, string>, children: Array<Element | string>): Element {
  // Built like ltx builds parsed trees (cnode sets parent), but keeping empty strings.
  const e = xml(name, attrs);
  for (const c of children) {
    if (typeof c === "string") e.children.push(c);
    else (e as unknown as { cnode(c: Element): void }).cnode(c);
  }
  return e;
}

const { tree } = fc.letrec<{ tree: Element; node: Element | string }>((tie) => ({
  tree: fc.tuple(nameArb, attrsArb, fc.array(tie("node"), { maxLength: 5 })).map(([n, a, c]) => el(n, a, c)),
  node: fc.oneof({ depthSize: "small", maxDepth: 50 }, textArb, tie("tree")),
}));

/** A chain nested up to 50 levels, the interesting bit at the bottom. */
const deepArb = fc.tuple(fc.array(fc.tuple(nameArb, attrsArb), { minLength: 1, maxLength: 50 }), tree).map(([chain, leaf]) => {
  let cur: Element = leaf;
  for (const [n, a] of chain) cur = el(n, a, [cur]);
  return cur;
});

/** Close to a real reply, so the deep paths of the parsers run often. */
const fieldArb: fc.Arbitrary<Element | string> = fc.oneof(
  textArb,
  fc.tuple(fc.constantFrom("first-seen", "last-seen", "uri", "device", "software"), attrsArb, fc.array(textArb, { maxLength: 2 })).map(([n, a, t]) => el(n, a, t)),
  fc.tuple(attrsArb, fc.array(fc.oneof(tree, fc.constantFrom("password", "fast", "grant", "bearer-token").map((n) => el(n, {}, []))), { maxLength: 6 })).map(([a, c]) => el("auth", a, c)),
  fc.tuple(attrsArb, fc.array(fc.tuple(fc.constantFrom("software", "uri", "device", "x"), attrsArb, fc.array(textArb, { maxLength: 2 })).map(([n, a, t]) => el(n, a, t)), { maxLength: 4 })).map(([a, c]) => el("user-agent", a, c)),
  fc.constantFrom("unrestricted", "normal", "restricted", "bogus").map((s) => el("permission", { status: s }, [])),
  tree,
);
const clientArb = fc.tuple(attrsArb, fc.option(fc.oneof(fc.string({ maxLength: 20 }), fc.constantFrom("client/a", "grant/b", ""))), fc.array(fieldArb, { maxLength: 8 })).map(
  ([a, id, c]) => el("client", id === null ? a : { ...a, id }, c),
);
const errorArb = fc.tuple(
  fc.option(fc.constantFrom("cancel", "auth", "modify", "wait", "")),
  fc.array(
    fc.oneof(
      fc.tuple(fc.oneof(fc.constantFrom("service-unavailable", "feature-not-implemented", "forbidden", "item-not-found", "text", "password-reset-required"), nameArb), fc.constantFrom(...NAMESPACES, "urn:x"), fc.array(textArb, { maxLength: 2 })).map(([n, ns, t]) => el(n, { xmlns: ns }, t)),
      tree,
      textArb,
    ),
    { maxLength: 5 },
  ),
).map(([type, c]) => el("error", type === null ? {} : { type }, c));
const replyArb = fc.tuple(
  fc.constantFrom("result", "error", "get", "set", "bogus"),
  fc.array(
    fc.oneof(
      fc.tuple(fc.constantFrom(...NAMESPACES), fc.array(fc.oneof({ weight: 5, arbitrary: clientArb }, { weight: 1, arbitrary: fieldArb }), { maxLength: 12 })).map(([ns, c]) => el("clients", { xmlns: ns }, c)),
      errorArb,
      tree,
    ),
    { maxLength: 3 },
  ),
).map(([type, c]) => el("iq", { type, xmlns: "jabber:client" }, c));

const RUNS = 1500;

describe("property: random element trees", () => {
  it("arbitrary trees never make a parser throw, and every value has the declared shape", () => {
    fc.assert(fc.property(tree, (t) => checkEverything(t)), { numRuns: RUNS });
  });

  it("deeply nested trees (up to ~50 levels)", () => {
    fc.assert(fc.property(deepArb, (t) => checkEverything(t)), { numRuns: 300 });
  });

  it("reply-like trees", () => {
    fc.assert(fc.property(replyArb, (t) => checkEverything(t)), { numRuns: RUNS });
  });

  it("reply-like trees of type result with a <clients> in the right namespace always parse", () => {
    fc.assert(
      fc.property(fc.constantFrom(...PROTOCOLS), fc.array(clientArb, { maxLength: 10 }), (protocol, clients) => {
        const iq = el("iq", { type: "result" }, [el("clients", { xmlns: protocol === "prosody" ? NS_PROSODY : NS_CAM }, clients)]);
        const r = classifyListReply(iq, protocol, () => false);
        expect(r.ok && r.value.kind).toBe("clients");
        checkEverything(iq);
      }),
      { numRuns: RUNS },
    );
  });
});

// ---- mutated golden replies ----------------------------------------------------------------

type Mutation = { op: number; node: number; idx: number; str: string; name: string };
const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  op: fc.integer({ min: 0, max: 9 }),
  node: fc.nat(),
  idx: fc.nat(),
  str: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom(...TEXTS, "", "NaN", "9999-99-99T99:99:99Z", "true", "access")),
  name: nameArb,
});

function allElements(root: Element, out: Element[] = []): Element[] {
  out.push(root);
  for (const c of root.children) if (typeof c !== "string") allElements(c, out);
  return out;
}

function mutate(root: Element, m: Mutation): Element {
  const nodes = allElements(root);
  const target = nodes[m.node % nodes.length] as Element;
  const kids = target.children;
  const i = kids.length === 0 ? 0 : m.idx % kids.length;
  const keys = Object.keys(target.attrs);
  switch (m.op) {
    case 0: // drop a child
      kids.splice(i, 1);
      break;
    case 1: // duplicate a child
      if (kids.length > 0) kids.splice(i, 0, kids[i] as Element | string);
      break;
    case 2: // reorder
      kids.push(...kids.splice(0, i));
      kids.reverse();
      break;
    case 3: // delete an attribute
      if (keys.length > 0) delete target.attrs[keys[m.idx % keys.length] as string];
      break;
    case 4: // garble an attribute
      if (keys.length > 0) target.attrs[keys[m.idx % keys.length] as string] = m.str;
      else target.attrs[m.name] = m.str;
      break;
    case 5: // garble text (timestamps included)
      for (let k = 0; k < kids.length; k++) if (typeof kids[k] === "string") kids[k] = m.str;
      if (kids.length === 0) kids.push(m.str);
      break;
    case 6: // wrap a child in an extra element
      if (kids.length > 0) kids[i] = el(m.name, {}, [kids[i] as Element | string]);
      break;
    case 7: // rename
      (target as { name: string }).name = m.name;
      break;
    case 8: // insert a stray element or text
      kids.splice(i, 0, m.idx % 2 === 0 ? m.str : el(m.name, { xmlns: m.str }, []));
      break;
    case 9: // wrap the whole reply
      return el(m.name, {}, [root]);
  }
  return root;
}

describe("property: mutated golden replies", () => {
  const names = goldenNames();
  it("never throw, and every value has the declared shape", () => {
    fc.assert(
      fc.property(fc.constantFrom(...names), fc.array(mutationArb, { minLength: 1, maxLength: 12 }), (name, mutations) => {
        let root = loadGoldenResponse(name);
        for (const m of mutations) root = mutate(root, m);
        checkEverything(root);
      }),
      { numRuns: 3000 },
    );
  });

  it("unmutated golden replies satisfy the same invariants", () => {
    for (const name of names) checkEverything(loadGoldenResponse(name));
  });
});

const goldenCache = new Map<string, string>();
/** A fresh ltx tree per run (mutations are in place). */
function loadGoldenResponse(name: string): Element {
  let text = goldenCache.get(name);
  if (text === undefined) {
    text = loadGolden(name).responseText;
    goldenCache.set(name, text);
  }
  return loadGoldenFromText(text);
}
import { parseXml as loadGoldenFromText } from "./golden-loader.js";
