/**
 * `<iq type="result"><clients xmlns=NS>…</clients></iq>` → `ClientInfo[]`.
 *
 * Built for lists of 100,000 clients: one pass over each `children` array, a `switch` on the
 * element name, no `getChild` scans, no regular expressions, no per-client closures.
 */
import type { ClientInfo, ManageClientsProtocol, Permission, UserAgent } from "../../shared/client-info.js";
import { err, ok, type Result } from "../../shared/result.js";
import { namespaceOf } from "./namespaces.js";
import { parseTimestamp } from "./timestamp.js";
import type { XmlElement } from "./xml.js";
import { MAX_FIELD_LENGTH, attr, cap, childrenOf, isElement, nsOf, textAttr, textOf } from "./xml-walk.js";

export type ProtocolError = { kind: "protocol"; detail: string };

/**
 * Longest id kept. Ids are never altered (revoke needs the exact value), so a longer one cannot
 * be represented: its client is skipped. Matches `revokeRequestSchema.id.max`.
 */
export const MAX_ID_LENGTH = 3071;
/** At most this many distinct auth methods per client; further ones are ignored. */
export const MAX_AUTH_METHODS = 16;
/** Auth method element names longer than this are cut. */
export const MAX_AUTH_METHOD_LENGTH = 64;

export type ClientListParse = {
  clients: ClientInfo[];
  /** `<client>` elements left out: no id, empty id, id over MAX_ID_LENGTH, or an id already listed. */
  skipped: number;
};

/** Maps `<auth>` child names onto `ClientInfo.authMethods` values. */
export function authMethodName(elementName: string): string {
  switch (elementName) {
    case "password":
      return "password";
    case "fast":
      return "fast";
    case "bearer-token":
    case "grant":
      return "token";
    default:
      return cap(elementName, MAX_AUTH_METHOD_LENGTH);
  }
}

/** The first `<clients>` child of the reply in the protocol's namespace. */
export function findClientsElement(reply: XmlElement, protocol: ManageClientsProtocol): XmlElement | undefined {
  const ns = namespaceOf(protocol);
  const iqNs = nsOf(reply, undefined);
  const children = childrenOf(reply);
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (isElement(c) && c.name === "clients" && nsOf(c, iqNs) === ns) return c;
  }
  return undefined;
}

export function parseClientList(
  reply: XmlElement,
  protocol: ManageClientsProtocol,
  isCurrent: (id: string) => boolean,
): Result<ClientInfo[], ProtocolError> {
  const parsed = parseClientListDetailed(reply, protocol, isCurrent);
  return parsed.ok ? ok(parsed.value.clients) : parsed;
}

/** As `parseClientList`, also counting the `<client>` elements it had to leave out. */
export function parseClientListDetailed(
  reply: XmlElement,
  protocol: ManageClientsProtocol,
  isCurrent: (id: string) => boolean,
): Result<ClientListParse, ProtocolError> {
  if (!isElement(reply)) return err({ kind: "protocol", detail: "the reply is not an XML element" });
  const ns = namespaceOf(protocol);
  const clientsEl = findClientsElement(reply, protocol);
  if (clientsEl === undefined) return err({ kind: "protocol", detail: `the reply has no <clients xmlns="${ns}">` });

  const withPermission = protocol === "xep-0494";
  const clients: ClientInfo[] = [];
  const seen = new Set<string>();
  let skipped = 0;
  const children = childrenOf(clientsEl);
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (!isElement(c) || c.name !== "client") continue;
    const ownNs = attr(c, "xmlns");
    if (ownNs !== undefined && ownNs !== ns) continue; // a foreign <client>: not part of this list
    const id = attr(c, "id");
    if (id === undefined || id.length === 0 || id.length > MAX_ID_LENGTH || seen.has(id)) {
      skipped++;
      continue;
    }
    seen.add(id);
    clients.push(parseClient(c, id, ns, withPermission, isCurrent(id)));
  }
  return ok({ clients, skipped });
}

function parseClient(el: XmlElement, id: string, ns: string, withPermission: boolean, current: boolean): ClientInfo {
  const connected = attr(el, "connected");
  let firstSeen: number | undefined;
  let lastSeen: number | undefined;
  let sawFirst = false;
  let sawLast = false;
  let authMethods: string[] | undefined;
  let userAgent: UserAgent | undefined;
  let permission: Permission | undefined;
  let sawPermission = false;

  const children = childrenOf(el);
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (!isElement(c)) continue;
    const childNs = attr(c, "xmlns");
    if (childNs !== undefined && childNs !== ns) continue;
    switch (c.name) {
      case "first-seen":
        if (!sawFirst) {
          sawFirst = true;
          firstSeen = parseTimestamp(textOf(c, MAX_FIELD_LENGTH));
        }
        break;
      case "last-seen":
        if (!sawLast) {
          sawLast = true;
          lastSeen = parseTimestamp(textOf(c, MAX_FIELD_LENGTH));
        }
        break;
      case "auth":
        // Several <auth> elements are merged: showing more access is the safe mistake.
        authMethods = readAuth(c, authMethods ?? []);
        break;
      case "user-agent":
        if (userAgent === undefined) userAgent = readUserAgent(c);
        break;
      case "permission":
        if (withPermission && !sawPermission) {
          sawPermission = true;
          permission = readPermission(attr(c, "status"));
        }
        break;
      default:
        break;
    }
  }

  const info: ClientInfo = {
    id,
    kind: attr(el, "type") === "access" ? "access" : "session",
    connected: connected === "true" || connected === "1",
    authMethods: authMethods ?? [],
    userAgent: userAgent ?? {},
    isCurrent: current,
  };
  if (firstSeen !== undefined) info.firstSeen = firstSeen;
  if (lastSeen !== undefined) info.lastSeen = lastSeen;
  if (permission !== undefined) info.permission = permission;
  return info;
}

function readAuth(el: XmlElement, methods: string[]): string[] {
  const children = childrenOf(el);
  for (let i = 0; i < children.length && methods.length < MAX_AUTH_METHODS; i++) {
    const c = children[i];
    if (!isElement(c) || c.name.length === 0) continue;
    const method = authMethodName(c.name);
    if (!methods.includes(method)) methods.push(method);
  }
  return methods;
}

function readUserAgent(el: XmlElement): UserAgent {
  const ua: UserAgent = {};
  let sawSoftware = false;
  let sawUri = false;
  let sawDevice = false;
  const children = childrenOf(el);
  for (let i = 0; i < children.length; i++) {
    const c = children[i];
    if (!isElement(c)) continue;
    switch (c.name) {
      case "software": {
        if (sawSoftware) break;
        sawSoftware = true;
        const software = textOf(c);
        if (software !== undefined) ua.software = software;
        const softwareId = textAttr(c, "id");
        if (softwareId !== undefined) ua.softwareId = softwareId;
        const softwareVersion = textAttr(c, "version");
        if (softwareVersion !== undefined) ua.softwareVersion = softwareVersion;
        break;
      }
      case "uri": {
        if (sawUri) break;
        sawUri = true;
        const uri = textOf(c);
        if (uri !== undefined) ua.uri = uri;
        break;
      }
      case "device": {
        if (sawDevice) break;
        sawDevice = true;
        const device = textOf(c);
        if (device !== undefined) ua.device = device;
        break;
      }
      default:
        break;
    }
  }
  return ua;
}

function readPermission(status: string | undefined): Permission | undefined {
  switch (status) {
    case "unrestricted":
    case "normal":
    case "restricted":
      return status;
    default:
      return undefined;
  }
}
