import { describe, expect, it } from "vitest";
import { clientListSchema } from "../../../src/shared/client-info.js";
import { checkClientList } from "./check-client-list.js";

/** What zod makes of `value`: the parsed list, or null. */
function zod(value: unknown): unknown {
  const result = clientListSchema.safeParse(value);
  return result.success ? result.data : null;
}

function agrees(value: unknown): void {
  const before = JSON.stringify(value);
  const expected = zod(value);
  const actual = checkClientList(value);
  expect(actual === null, JSON.stringify(value)).toBe(expected === null);
  expect(actual).toStrictEqual(expected);
  // Never mutates its input.
  expect(JSON.stringify(value)).toBe(before);
}

const full = {
  id: "a1",
  kind: "access",
  connected: true,
  firstSeen: 1_700_000_000_000,
  lastSeen: 1_700_000_100_000,
  authMethods: ["token", "x-custom"],
  userAgent: { software: "Gajim", softwareId: "gajim", softwareVersion: "2.0", uri: "https://gajim.org", device: "Laptop" },
  permission: "restricted",
  isCurrent: false,
};
const minimal = { id: "s1", kind: "session", connected: false, authMethods: [], userAgent: {}, isCurrent: true };

function list(clients: unknown[]): Record<string, unknown> {
  return { clients, protocol: "xep-0494", fetchedAt: 1_700_000_200_000 };
}

/** Every value a property could be given by a hostile or broken host. */
const ODD_VALUES: unknown[] = [
  undefined,
  null,
  0,
  -1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  "",
  "session",
  "access",
  "prosody",
  "unrestricted",
  true,
  false,
  [],
  ["password"],
  [1],
  {},
  { software: 1 },
];

describe("checkClientList (clientListSchema by hand)", () => {
  it("accepts what zod accepts and returns the same data", () => {
    agrees(list([]));
    agrees(list([full, minimal]));
    agrees({ ...list([minimal]), protocol: "prosody" });
  });

  it("drops unknown keys at every level, as zod does, and keeps the rest", () => {
    agrees({ ...list([{ ...full, extra: 1, userAgent: { ...full.userAgent, extra: "x" } }, minimal]), extra: true });
    agrees(list([minimal, { ...minimal, userAgent: { device: "Phone", os: "x" } }]));
    agrees(JSON.parse(`{"clients":[{"id":"p","kind":"session","connected":false,"authMethods":[],"userAgent":{},"isCurrent":false,"__proto__":{"isCurrent":true}}],"protocol":"prosody","fetchedAt":1}`));
  });

  it("rejects what zod rejects: every property of every level given every odd value, or removed", () => {
    for (const base of [full, minimal]) {
      for (const key of [...Object.keys(full), "unknown"]) {
        const { [key]: _removed, ...without } = base as Record<string, unknown>;
        agrees(list([minimal, without]));
        for (const odd of ODD_VALUES) agrees(list([minimal, { ...base, [key]: odd }]));
      }
      for (const key of [...Object.keys(full.userAgent), "unknown"]) {
        for (const odd of ODD_VALUES) agrees(list([{ ...base, userAgent: { ...base.userAgent, [key]: odd } }]));
      }
    }
    for (const key of ["clients", "protocol", "fetchedAt"]) {
      const { [key]: _removed, ...without } = list([full]);
      agrees(without);
      for (const odd of ODD_VALUES) agrees({ ...list([full]), [key]: odd });
    }
    for (const odd of ODD_VALUES) {
      agrees(odd);
      agrees(list([odd]));
      agrees(list([full, { ...full, authMethods: ["password", odd] }]));
    }
  });
});
