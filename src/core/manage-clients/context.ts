import type { Element } from "ltx";
import type { ManageClientsProtocol } from "../../shared/client-info.js";
import type { RequestError } from "../../shared/errors.js";
import type { Result } from "../../shared/result.js";

/** What listing and revoking need from the signed-in account. */
export interface ManageClientsContext {
  /** `timeoutMs`: how long to wait for the reply (default: the session's request timeout). */
  request(iq: Element, timeoutMs?: number): Promise<Result<Element, RequestError>>;
  isCurrent(id: string): boolean;
  rememberedProtocol(): ManageClientsProtocol | undefined;
  rememberProtocol(protocol: ManageClientsProtocol): void;
}
