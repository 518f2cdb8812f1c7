// `clientListSchema.safeParse`, written out by hand for the one big payload the host sends.
//
// In the page, zod can't use its compiled fast path (it needs `new Function`, which the page's CSP
// refuses), so it walks each of the ~15 properties of each of the 10,000 entries through its generic
// machinery: ~50 ms on a small machine, before a single row renders. This accepts exactly what the
// schema accepts and returns what zod would (unknown keys dropped, as a zod object does by default),
// in a few milliseconds. The key lists and enum values are read from the schemas themselves, and
// check-client-list.test.ts holds the result to zod's on valid, mutated and malformed lists.
import {
  clientInfoSchema,
  clientListSchema,
  permissionSchema,
  protocolSchema,
  userAgentSchema,
  type ClientList,
} from "../../../src/shared/client-info.js";

type Json = Record<string, unknown>;

const LIST_KEYS = Object.keys(clientListSchema.shape);
const CLIENT_KEYS = Object.keys(clientInfoSchema.shape);
const USER_AGENT_KEYS = Object.keys(userAgentSchema.shape);
const LIST_KEY_SET = new Set(LIST_KEYS);
const CLIENT_KEY_SET = new Set(CLIENT_KEYS);
const USER_AGENT_KEY_SET = new Set(USER_AGENT_KEYS);
const KINDS = new Set<unknown>(clientInfoSchema.shape.kind.options);
const PERMISSIONS = new Set<unknown>(permissionSchema.options);
const PROTOCOLS = new Set<unknown>(protocolSchema.options);

/** zod's object test: anything non-null of type "object" except arrays. */
function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** z.number(): finite numbers only (no NaN, no ±Infinity). */
function isNumber(value: unknown): value is number {
  return typeof value === "number" && Number.isFinite(value);
}

function optionalString(value: unknown): boolean {
  return value === undefined || typeof value === "string";
}

function optionalNumber(value: unknown): boolean {
  return value === undefined || isNumber(value);
}

/**
 * `value` with only `keys`, like a zod object's output: the object itself when it has no others,
 * otherwise a copy of the keys it has (`in`, as zod tests presence).
 */
function strip(value: Json, keys: readonly string[], known: ReadonlySet<string>): Json {
  let extra = false;
  for (const key in value) {
    if (!known.has(key) && Object.hasOwn(value, key)) {
      extra = true;
      break;
    }
  }
  if (!extra) return value;
  const out: Json = {};
  for (const key of keys) if (key in value) out[key] = value[key];
  return out;
}

function checkUserAgent(value: unknown): Json | null {
  if (!isObject(value)) return null;
  if (
    !optionalString(value.software) ||
    !optionalString(value.softwareId) ||
    !optionalString(value.softwareVersion) ||
    !optionalString(value.uri) ||
    !optionalString(value.device)
  ) {
    return null;
  }
  return strip(value, USER_AGENT_KEYS, USER_AGENT_KEY_SET);
}

function checkClient(value: unknown): Json | null {
  if (!isObject(value)) return null;
  if (
    typeof value.id !== "string" ||
    !KINDS.has(value.kind) ||
    typeof value.connected !== "boolean" ||
    !optionalNumber(value.firstSeen) ||
    !optionalNumber(value.lastSeen) ||
    typeof value.isCurrent !== "boolean" ||
    (value.permission !== undefined && !PERMISSIONS.has(value.permission))
  ) {
    return null;
  }
  const methods = value.authMethods;
  if (!Array.isArray(methods)) return null;
  for (const method of methods) if (typeof method !== "string") return null;
  const userAgent = checkUserAgent(value.userAgent);
  if (!userAgent) return null;
  const out = strip(value, CLIENT_KEYS, CLIENT_KEY_SET);
  if (userAgent === value.userAgent) return out;
  return out === value ? { ...value, userAgent } : Object.assign(out, { userAgent });
}

/** The list if `value` is a valid ClientList (what `clientListSchema.safeParse(value).data` would be), else null. */
export function checkClientList(value: unknown): ClientList | null {
  if (!isObject(value)) return null;
  const clients = value.clients;
  if (!Array.isArray(clients) || !PROTOCOLS.has(value.protocol) || !isNumber(value.fetchedAt)) return null;
  let checked: unknown[] = clients;
  for (let i = 0; i < clients.length; i += 1) {
    const client = checkClient(clients[i]);
    if (!client) return null;
    if (client !== clients[i]) {
      if (checked === clients) checked = clients.slice();
      checked[i] = client;
    }
  }
  const out = strip(value, LIST_KEYS, LIST_KEY_SET);
  if (checked === clients) return out as ClientList;
  return (out === value ? { ...value, clients: checked } : Object.assign(out, { clients: checked })) as ClientList;
}

