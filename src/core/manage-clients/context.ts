import type { Element } from "ltx";
import type { ManageClientsProtocol } from "../../shared/client-info.js";
import type { RequestError } from "../../shared/errors.js";
import type { Result } from "../../shared/result.js";
import type { XmlElement } from "../protocol/xml.js";

/** What listing and revoking need from the signed-in account. */
export interface ManageClientsContext {
  /** Sends `iq` (built with `xml()`); the reply, read through xml-walk.ts. `timeoutMs`: how long to wait for it (default: the session's request timeout). */
  request(iq: Element, timeoutMs?: number): Promise<Result<XmlElement, RequestError>>;
  isCurrent(id: string): boolean;
  rememberedProtocol(): ManageClientsProtocol | undefined;
  rememberProtocol(protocol: ManageClientsProtocol): void;
}
