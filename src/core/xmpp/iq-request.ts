import type { Element } from "ltx";
import type { Client } from "@xmpp/client-core";
import type { Middleware } from "@xmpp/middleware";
import xid from "@xmpp/id";
import type { RequestError } from "../../shared/errors.js";
import { err, ok, type Result } from "../../shared/result.js";
import type { XmlElement } from "../protocol/xml.js";
import { attr } from "../protocol/xml-walk.js";

export const DEFAULT_REQUEST_TIMEOUT_MS = 15_000;

type Settle = (result: Result<XmlElement, RequestError>) => void;

/**
 * IQ requests that resolve, never reject: the reply (result or error stanza), or a typed failure on
 * timeout or disconnection. @xmpp/iq's caller rejects a promise nobody observes yet when an error
 * reply beats `send()`, which Node reports as an unhandled rejection.
 */
export function createIqRequester(entity: Client, middleware: Middleware) {
  const pending = new Map<string, Settle>();

  middleware.use((ctx, next) => {
    const { stanza } = ctx;
    const type = attr(stanza, "type");
    const id = attr(stanza, "id");
    if (stanza.name !== "iq" || (type !== "result" && type !== "error") || id === undefined) return next();
    const settle = pending.get(id);
    if (!settle || !fromAccountOrServer(entity, attr(stanza, "from"))) return next();
    settle(ok(stanza));
    return undefined;
  });

  // A closed session will not answer; with stream management a mere disconnect may still resume.
  entity.on("offline", () => {
    for (const settle of [...pending.values()]) settle(err({ kind: "disconnected" }));
  });

  function request(iq: Element, timeoutMs = DEFAULT_REQUEST_TIMEOUT_MS): Promise<Result<XmlElement, RequestError>> {
    const id = (iq.attrs.id as string | undefined) ?? xid();
    iq.attrs.id = id;
    return new Promise((resolve) => {
      const timer = setTimeout(() => settle(err({ kind: "timeout" })), timeoutMs);
      const settle: Settle = (result) => {
        if (pending.get(id) !== settle) return;
        pending.delete(id);
        clearTimeout(timer);
        resolve(result);
      };
      pending.set(id, settle);
      entity.send(iq).catch(() => settle(err({ kind: "disconnected" })));
    });
  }

  return { request, pendingCount: () => pending.size };
}

/** Replies to our own requests come from our account, our server, or carry no `from`. */
function fromAccountOrServer(entity: Client, from: string | undefined): boolean {
  if (!from || !entity.jid) return true;
  const bare = entity.jid.bare().toString();
  return from === bare || from === entity.jid.toString() || from === entity.jid.domain;
}
