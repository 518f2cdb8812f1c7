import type { Element } from "ltx";
import type { Client } from "@xmpp/client-core";
import xml from "@xmpp/xml";
import { dropSocket } from "./upstream-patches/drop-socket.js";
import type { RequestError } from "../../shared/errors.js";
import type { Result } from "../../shared/result.js";
import type { XmlElement } from "../protocol/xml.js";

/** How long the server gets to answer a ping after a request timed out. */
export const PROBE_TIMEOUT_MS = 5_000;

type Request = (iq: Element, timeoutMs?: number) => Promise<Result<XmlElement, RequestError>>;

/**
 * A frozen server (hung process, dead NAT mapping) keeps the TCP connection open: requests time
 * out but nothing disconnects, so reconnect never starts (stream management's own <r/> check only
 * gives up after 60 s, then waits another 20 s for a clean close). When a request times out, ask
 * the server for an XEP-0199 ping; if that goes unanswered too and not a byte arrived meanwhile,
 * drop the socket so the reconnect logic takes over (stream management resumes, or FAST signs in afresh).
 */
export function createLivenessProbe(entity: Client, send: Request, probeTimeoutMs = PROBE_TIMEOUT_MS) {
  let probing: Promise<void> | undefined;

  function probe(): void {
    const socket = entity.socket;
    if (probing || entity.status !== "online" || !socket) return;
    // Bytes arriving also prove the server alive: it may be busy sending a huge reply that the
    // ping's answer queues behind.
    let heard = false;
    const onData = () => {
      heard = true;
    };
    socket.on("data", onData);
    const ping = xml("iq", { type: "get", to: entity.jid?.domain ?? entity.options.domain }, xml("ping", { xmlns: "urn:xmpp:ping" }));
    probing = send(ping, probeTimeoutMs).then((reply) => {
      probing = undefined;
      socket.off("data", onData);
      // Any answer, even an error, shows the server is alive; a disconnect is already being handled.
      if (heard || reply.ok || reply.error.kind !== "timeout") return;
      // Only the connection that went silent: a reconnect may have replaced it meanwhile.
      if (entity.socket === socket && entity.status === "online") dropSocket(entity);
    });
  }

  async function request(iq: Element, timeoutMs?: number): Promise<Result<XmlElement, RequestError>> {
    const result = await send(iq, timeoutMs);
    if (!result.ok && result.error.kind === "timeout") probe();
    return result;
  }

  return { request };
}
