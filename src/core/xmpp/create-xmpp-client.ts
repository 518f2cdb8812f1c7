import { Client } from "@xmpp/client-core";
import ConnectionTCP from "@xmpp/tcp/lib/Connection.js";
import ConnectionTLS from "@xmpp/tls/lib/Connection.js";
import _middleware from "@xmpp/middleware";
import _streamFeatures from "@xmpp/stream-features";
import _reconnect from "@xmpp/reconnect";
import _iqCaller from "@xmpp/iq/caller.js";
import _iqCallee from "@xmpp/iq/callee.js";
import _sasl2 from "@xmpp/sasl2";
import _sasl, { type OnAuthenticate } from "@xmpp/sasl";
import _resourceBinding from "@xmpp/resource-binding";
import _streamManagement from "@xmpp/stream-management";
import _bind2 from "@xmpp/client-core/src/bind2/bind2.js";
import _fast from "@xmpp/client-core/src/fast/fast.js";
import htsha256none from "@xmpp/sasl-ht-sha-256-none";
import SASLFactory from "saslmechanisms";
import type { ServerAddress } from "../../shared/requests.js";
import type { WardenSasl } from "../sasl/index.js";
import { useStartTls } from "./starttls.js";
import { VerifiedTlsSocket, type TlsPolicy } from "./verified-tls-socket.js";
import { createIqRequester } from "./iq-request.js";
import { createLivenessProbe } from "./liveness.js";

export interface XmppClientOptions {
  address: ServerAddress;
  tls: TlsPolicy;
  sasl: WardenSasl;
}

function serviceUri({ host, port, tls }: ServerAddress): string {
  const hostPart = host.includes(":") ? `[${host}]` : host;
  return `${tls === "direct" ? "xmpps" : "xmpp"}://${hostPart}:${port}`;
}

/**
 * @xmpp/client's own composition, with Warden's pieces in place of three of its parts: TLS that
 * verifies (and can pin) the certificate for both direct TLS and STARTTLS, fast SCRAM mechanisms
 * with channel binding, and an IQ requester that cannot leak rejections.
 */
export function createXmppClient(options: XmppClientOptions) {
  const { address, tls, sasl } = options;
  const entity = new Client({ service: serviceUri(address), domain: tls.domain, timeout: 10_000 });

  class DirectTls extends ConnectionTLS {}
  (DirectTls.prototype as unknown as { Socket: unknown }).Socket = class extends VerifiedTlsSocket {
    constructor() {
      super(tls);
    }
  };
  entity.transports.push(address.tls === "direct" ? DirectTls : ConnectionTCP);

  const reconnect = _reconnect({ entity });
  const middleware = _middleware({ entity });
  const streamFeatures = _streamFeatures({ middleware });
  const iqCaller = _iqCaller({ middleware, entity });
  const iqCallee = _iqCallee({ middleware, entity });
  const requester = createIqRequester(entity, middleware);
  const liveness = createLivenessProbe(entity, requester.request);

  const saslFactory = new SASLFactory();
  sasl.attach(Object.assign(entity, { saslFactory }));
  const onAuthenticate = sasl.credentials as unknown as OnAuthenticate;

  // Stream features run in the order they are registered.
  if (address.tls === "starttls") useStartTls(streamFeatures, tls);
  const sasl2 = _sasl2({ streamFeatures, saslFactory }, onAuthenticate);
  const fast = _fast({ sasl2, entity });
  sasl2.setup({ fast });
  const bind2 = _bind2({ sasl2, entity });
  htsha256none(fast.saslFactory);
  _sasl({ streamFeatures, saslFactory }, onAuthenticate);
  const streamManagement = _streamManagement({ streamFeatures, entity, middleware, bind2, sasl2 });
  _resourceBinding({ iqCaller, streamFeatures });
  iqCallee.get("urn:xmpp:ping", "ping", () => ({}));

  return { entity, reconnect, fast, streamManagement, request: liveness.request };
}

export type XmppClient = ReturnType<typeof createXmppClient>;
