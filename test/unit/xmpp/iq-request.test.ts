import { EventEmitter } from "node:events";
import xml from "@xmpp/xml";
import type { Element } from "ltx";
import type { Client } from "@xmpp/client-core";
import type { IncomingContext, Middleware, Next } from "@xmpp/middleware";
import { describe, expect, it, vi } from "vitest";
import type { XmlElement } from "../../../src/core/protocol/xml.js";
import { createIqRequester } from "../../../src/core/xmpp/iq-request.js";

/** A stand-in for @xmpp's entity and middleware: it records what is sent and lets the test play the server. */
function standInConnection(send: (iq: Element) => Promise<void> = async () => undefined) {
  const entity = Object.assign(new EventEmitter(), { jid: null, send }) as unknown as Client;
  let route: ((ctx: IncomingContext, next: Next) => unknown) | undefined;
  const middleware: Middleware = { use: (fn) => void (route = fn) };
  const requester = createIqRequester(entity, middleware);
  const receive = (stanza: XmlElement) => route?.({ stanza } as IncomingContext, async () => "passed on");
  return { entity, requester, receive };
}

describe("IQ requests (stand-in connection)", () => {
  it("resolves an error reply that arrives before send() settles, without a rejection", async () => {
    const { requester, receive } = standInConnection((iq) => {
      receive(xml("iq", { type: "error", id: String(iq.attrs.id) }, xml("error", { type: "cancel" })));
      return Promise.resolve();
    });
    const result = await requester.request(xml("iq", { type: "set" }));
    expect(result.ok && result.value.attrs.type).toBe("error");
  });

  it("times out with a typed error and forgets the request", async () => {
    vi.useFakeTimers();
    const { requester } = standInConnection();
    const pending = requester.request(xml("iq", { type: "get" }), 1000);
    vi.advanceTimersByTime(1000);
    expect(await pending).toEqual({ ok: false, error: { kind: "timeout" } });
    expect(requester.pendingCount()).toBe(0);
    vi.useRealTimers();
  });

  it("fails typed when the stanza cannot be sent, and when the session ends", async () => {
    const failing = standInConnection(() => Promise.reject(new Error("socket closed")));
    expect(await failing.requester.request(xml("iq", { type: "get" }))).toEqual({ ok: false, error: { kind: "disconnected" } });
    const ending = standInConnection();
    const pending = ending.requester.request(xml("iq", { type: "get" }));
    ending.entity.emit("offline");
    expect(await pending).toEqual({ ok: false, error: { kind: "disconnected" } });
  });

  it("ignores a reply with our id from someone else", async () => {
    vi.useFakeTimers();
    const { entity, requester, receive } = standInConnection();
    (entity as { jid: unknown }).jid = { bare: () => ({ toString: () => "romeo@localhost" }), toString: () => "romeo@localhost/x", domain: "localhost" };
    const iq = xml("iq", { type: "get", id: "q1" });
    const pending = requester.request(iq, 1000);
    expect(await receive(xml("iq", { type: "result", id: "q1", from: "mallory@evil.example" }))).toBe("passed on");
    vi.advanceTimersByTime(1000);
    expect(await pending).toEqual({ ok: false, error: { kind: "timeout" } });
    vi.useRealTimers();
  });
});
