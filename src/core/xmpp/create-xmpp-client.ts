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
import { createFast } from "../sasl/index.js";
import SASLFactory from "saslmechanisms";
import type { ServerAddress } from "../../shared/requests.js";
import type { WardenSasl } from "../sasl/index.js";
import { useStartTls } from "./starttls.js";
import { BoundedParser } from "./bounded-parser.js";
import { useStreamParser } from "./upstream-patches/stream-parser.js";
import { useTransportSocket } from "./upstream-patches/transport-socket.js";
import { VerifiedTlsSocket, type TlsPolicy } from "./verified-tls-socket.js";
import { createIqRequester } from "./iq-request.js";
import { createLivenessProbe } from "./liveness.js";
import { useStreamPolicy } from "./stream-policy.js";

export interface XmppClientOptions {
  address: ServerAddress;
  tls: TlsPolicy;
  sasl: WardenSasl;
  /** Act on stream features without TLS: only for an explicitly allowed loopback test server. */
  allowPlaintext: boolean;
}

function serviceUri({ host, port, tls }: ServerAddress): string {
  const hostPart = host.includes(":") ? `[${host}]` : host;
  return `${tls === "direct" ? "xmpps" : "xmpp"}://${hostPart}:${port}`;
}

/**
 * @xmpp/client's own composition, with Warden's pieces in place of some of its parts: TLS that
 * verifies (and can pin) the certificate for both direct TLS and STARTTLS, a stream policy checked
 * before any feature is acted on, a parser that cannot be made to throw, fast SCRAM mechanisms with
 * channel binding, FAST with channel-bound tokens, and an IQ requester that cannot leak rejections.
 */
export function createXmppClient(options: XmppClientOptions) {
  const { entity, reconnect, middleware, policy, streamFeatures, sasl2, onAuthenticate, saslFactory } = composeSignIn(options);
  const iqCaller = _iqCaller({ middleware, entity });
  const iqCallee = _iqCallee({ middleware, entity });
  const requester = createIqRequester(entity, middleware);
  const liveness = createLivenessProbe(entity, requester.request);

  const fast = createFast({ sasl2, entity });
  sasl2.setup({ fast });
  const bind2 = _bind2({ sasl2, entity });
  _sasl({ streamFeatures, saslFactory }, onAuthenticate);
  const streamManagement = _streamManagement({ streamFeatures, entity, middleware, bind2, sasl2 });
  _resourceBinding({ iqCaller, streamFeatures });
  iqCallee.get("urn:xmpp:ping", "ping", () => ({}));

  return { entity, reconnect, fast, streamManagement, policy, request: liveness.request };
}

export type XmppClient = ReturnType<typeof createXmppClient>;

/**
 * A connection that only signs in: TLS and SASL under the same rules, but no FAST token asked for,
 * no resource bound and no session, so the server has nothing of it to list.
 */
export function createSignInOnlyClient(options: XmppClientOptions) {
  const { entity, reconnect, policy, streamFeatures, sasl2, onAuthenticate, saslFactory } = composeSignIn(options);
  sasl2.setup({ fast: WITHOUT_FAST });
  _sasl({ streamFeatures, saslFactory }, onAuthenticate);
  return { entity, reconnect, policy };
}

/** @xmpp/sasl2 always asks its FAST step first: this one never signs in and never asks for a token. */
const WITHOUT_FAST = { mechanism: null, auth: async () => false };

/** What every connection shares, in order: transport, stream policy, STARTTLS, SASL2. */
function composeSignIn(options: XmppClientOptions) {
  const { address, tls, sasl, allowPlaintext } = options;
  const entity = new Client({ service: serviceUri(address), domain: tls.domain, timeout: 10_000 });

  class DirectTls extends ConnectionTLS {}
  useTransportSocket(
    DirectTls,
    class extends VerifiedTlsSocket {
      constructor() {
        super(tls);
      }
    },
  );
  class StartTlsTcp extends ConnectionTCP {}
  useStreamParser(entity, [DirectTls, StartTlsTcp], BoundedParser);
  entity.transports.push(address.tls === "direct" ? DirectTls : StartTlsTcp);

  const reconnect = _reconnect({ entity });
  const middleware = _middleware({ entity });
  // First, so that it sees every <stream:features> before any handler acts on it.
  const policy = useStreamPolicy(entity, middleware, { allowPlaintext });
  const streamFeatures = _streamFeatures({ middleware });

  const saslFactory = new SASLFactory();
  sasl.attach(Object.assign(entity, { saslFactory }));
  const onAuthenticate = sasl.credentials as unknown as OnAuthenticate;

  // Stream features run in the order they are registered.
  if (address.tls === "starttls") useStartTls(streamFeatures, tls);
  const sasl2 = _sasl2({ streamFeatures, saslFactory }, onAuthenticate);
  return { entity, reconnect, middleware, policy, streamFeatures, sasl2, onAuthenticate, saslFactory };
}
