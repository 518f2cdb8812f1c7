// Every host hands the core's events to its page (IPC channel or WebSocket frame): one subscription
// to each event, one way to stop them all. A host's send that throws (its page is gone) is ignored.
import { CLIENT_MANAGER_EVENTS, type ClientManagerApi, type ClientManagerEventName, type ClientManagerEvents } from "../shared/api.js";

export type SendEvent = <E extends ClientManagerEventName>(event: E, payload: ClientManagerEvents[E]) => void;

/** Forwards every core event to `send` until the returned function is called. */
export function forwardEvents(manager: Pick<ClientManagerApi, "on">, send: SendEvent): () => void {
  const unsubscribes = CLIENT_MANAGER_EVENTS.map((event) => {
    try {
      return manager.on(event, (payload) => {
        try {
          send(event, payload);
        } catch {
          // The page is gone: nothing to tell.
        }
      });
    } catch {
      return () => {};
    }
  });
  return () => {
    for (const unsubscribe of unsubscribes.splice(0)) {
      try {
        unsubscribe();
      } catch {
        // Nothing more to do.
      }
    }
  };
}
