import type { ClientList, ManageClientsProtocol } from "../../shared/client-info.js";
import type { ListError } from "../../shared/errors.js";
import { err, ok, type Result } from "../../shared/result.js";
import { buildListRequest, classifyListReply, otherProtocol, PROTOCOL_PROBE_ORDER } from "../protocol/index.js";
import type { ManageClientsContext } from "./context.js";

/**
 * Lists the account's clients. Neither namespace is in disco, so support shows in the reply: try
 * the namespace that worked before (else Prosody's), fall back to the other when the server does
 * not serve it, and remember what worked.
 */
export async function listClients(context: ManageClientsContext): Promise<Result<ClientList, ListError>> {
  const remembered = context.rememberedProtocol();
  const order: readonly ManageClientsProtocol[] = remembered ? [remembered, otherProtocol(remembered)] : PROTOCOL_PROBE_ORDER;
  for (const protocol of order) {
    const reply = await context.request(buildListRequest(protocol));
    if (!reply.ok) return reply;
    const classified = classifyListReply(reply.value, protocol, context.isCurrent);
    if (!classified.ok) return classified;
    const answer = classified.value;
    switch (answer.kind) {
      case "not-served":
        continue;
      case "clients":
        if (remembered !== protocol) context.rememberProtocol(protocol);
        return ok({ clients: answer.clients, protocol, fetchedAt: Date.now() });
      case "forbidden":
        return err(answer);
      case "server-error":
        return err(answer);
    }
  }
  return err({ kind: "unsupported" });
}
