/**
 * Classifies the reply to a XEP-0077 password change.
 */
import { err, ok, type Result } from "../../shared/result.js";
import type { ProtocolError } from "./client-list.js";
import { describeUnexpected, replyType } from "./iq-type.js";
import { parseStanzaError } from "./stanza-error.js";
import type { XmlElement } from "./xml.js";

export type PasswordChangeReply =
  | { outcome: "changed" }
  /** Maps onto `ChangePasswordError` `{ kind: "refused", condition, text }`. */
  | { outcome: "refused"; condition: string; text?: string };

export function classifyPasswordChangeReply(reply: XmlElement): Result<PasswordChangeReply, ProtocolError> {
  switch (replyType(reply)) {
    case "result":
      return ok({ outcome: "changed" });
    case "error": {
      const e = parseStanzaError(reply);
      return ok(e.text === undefined ? { outcome: "refused", condition: e.condition } : { outcome: "refused", condition: e.condition, text: e.text });
    }
    default:
      return err({ kind: "protocol", detail: describeUnexpected(reply) });
  }
}
