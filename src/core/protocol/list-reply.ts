/**
 * Classifies the reply to a list request.
 */
import type { ClientInfo, ManageClientsProtocol } from "../../shared/client-info.js";
import { err, ok, type Result } from "../../shared/result.js";
import { parseClientList, type ProtocolError } from "./client-list.js";
import { describeUnexpected, replyType } from "./iq-type.js";
import { parseStanzaError } from "./stanza-error.js";
import type { XmlElement } from "./xml.js";

export type ListReply =
  | { kind: "clients"; clients: ClientInfo[] }
  /** The server does not serve this namespace: try the other one. */
  | { kind: "not-served" }
  | { kind: "forbidden"; text?: string }
  | { kind: "server-error"; condition: string; text?: string };

/** Conditions a server answers a namespace it does not know with (when no application condition is attached). */
export const NOT_SERVED_CONDITIONS: readonly string[] = ["service-unavailable", "feature-not-implemented"];

export function classifyListReply(
  reply: XmlElement,
  protocol: ManageClientsProtocol,
  isCurrent: (id: string) => boolean,
): Result<ListReply, ProtocolError> {
  switch (replyType(reply)) {
    case "result": {
      const parsed = parseClientList(reply, protocol, isCurrent);
      return parsed.ok ? ok({ kind: "clients", clients: parsed.value }) : parsed;
    }
    case "error": {
      const e = parseStanzaError(reply);
      if (NOT_SERVED_CONDITIONS.includes(e.condition) && e.appCondition === undefined) return ok({ kind: "not-served" });
      if (e.condition === "forbidden") return ok(e.text === undefined ? { kind: "forbidden" } : { kind: "forbidden", text: e.text });
      return ok(
        e.text === undefined
          ? { kind: "server-error", condition: e.condition }
          : { kind: "server-error", condition: e.condition, text: e.text },
      );
    }
    default:
      return err({ kind: "protocol", detail: describeUnexpected(reply) });
  }
}
