import { useEffect, useRef, useState } from "react";
import type { ClientInfo, RevokeResult } from "../../src/shared/index.js";
import { useClientManager } from "./client-manager-context.js";
import { clientName, deviceLabel, kindLabel, revokeErrorMessage, softwareLabel, softwareName } from "./describe.js";
import { ModalDialog } from "./modal-dialog.js";

type RevokeDialogProps = {
  client: ClientInfo;
  onClose: () => void;
  /** The revoke went through (or the entry was already gone): update the list. */
  onListChanged: (removedId: string | null) => void;
  /** Open the password dialog, for a client that knows the password. */
  onChangePassword: () => void;
  /** This device's own entry was revoked: the app is signed out. */
  onSignedOut?: () => void;
  fallbackFocus?: () => HTMLElement | null | undefined;
};

type Phase = { name: "confirm" } | { name: "working" } | { name: "done"; result: RevokeResult };

type Outcome = { tone: "success" | "warning" | "error"; text: string; retry?: boolean; changePassword?: boolean };

export function describeRevokeResult(client: ClientInfo, result: RevokeResult): Outcome {
  const name = clientName(client);
  if (!result.ok) return { tone: "error", text: `Couldn't revoke ${name}. ${revokeErrorMessage(result.error)}`, retry: true };
  const outcome = result.value;
  switch (outcome.outcome) {
    case "revoked":
      return outcome.signedOut
        ? { tone: "success", text: "This device's access was revoked and you're signed out." }
        : { tone: "success", text: `${name} no longer has access to your account.` };
    case "password-reset-required":
      return {
        tone: "warning",
        text: "It was signed out and its tokens removed, but it knows your password. To lock it out, change your password.",
        changePassword: true,
      };
    case "not-found":
      return { tone: "success", text: `${name} was already gone: it no longer has access. The list has been refreshed.` };
    case "forbidden":
      return {
        tone: "error",
        text: `The server didn't allow revoking ${name}${outcome.text ? `: “${outcome.text}”` : "."} Nothing was changed.`,
      };
    case "failed":
      return {
        tone: "error",
        text: `The server couldn't revoke ${name}: ${outcome.text ? `“${outcome.text}”` : outcome.condition}. Nothing was changed.`,
        retry: true,
      };
  }
}

function consequence(client: ClientInfo): string {
  if (client.isCurrent) {
    return "This is the device you're using now. Revoking it ends this session and removes its tokens, and you will be signed out of Warden here.";
  }
  if (client.kind === "access") {
    return "Its app token will be removed, so it can't use your account any more unless you sign it in again.";
  }
  return client.connected
    ? "It will be disconnected right away and its sign-in tokens removed. If it also knows your password, Warden will tell you how to lock it out."
    : "Its session and sign-in tokens will be removed. If it also knows your password, Warden will tell you how to lock it out.";
}

/** Confirm, run and report a revoke, all in one dialog, so the outcome is shown where it was asked for. */
export function RevokeDialog({ client, onClose, onListChanged, onChangePassword, onSignedOut, fallbackFocus }: RevokeDialogProps) {
  const api = useClientManager();
  const [phase, setPhase] = useState<Phase>({ name: "confirm" });
  const name = clientName(client);
  const actionsRef = useRef<HTMLDivElement>(null);

  // The outcome's main action takes focus, so keyboard users land on what to do next.
  useEffect(() => {
    if (phase.name === "done") actionsRef.current?.querySelector<HTMLElement>("[data-autofocus]")?.focus();
  }, [phase]);

  async function revoke() {
    setPhase({ name: "working" });
    const result = await api.revokeClient(client.isCurrent ? { id: client.id, confirmSignOut: true } : { id: client.id });
    setPhase({ name: "done", result });
    if (result.ok) {
      const { outcome } = result.value;
      if (outcome === "revoked" && result.value.signedOut) {
        onSignedOut?.();
        return;
      }
      if (outcome === "revoked" || outcome === "password-reset-required") onListChanged(client.id);
      else if (outcome === "not-found") onListChanged(null);
    }
  }

  const outcome = phase.name === "done" ? describeRevokeResult(client, phase.result) : null;
  const title = client.isCurrent ? "Revoke this device?" : `Revoke ${softwareName(client) ?? "this client"}?`;

  return (
    <ModalDialog
      title={outcome ? (outcome.tone === "error" ? "Not revoked" : "Access revoked") : title}
      role="alertdialog"
      onClose={onClose}
      busy={phase.name === "working"}
      fallbackFocus={fallbackFocus}
      className="revoke-dialog"
    >
      <div className="modal-body">
        <dl className="client-summary" aria-label="Client">
          <div>
            <dt>Software</dt>
            <dd>{softwareLabel(client)}</dd>
          </div>
          <div>
            <dt>Device</dt>
            <dd>
              {deviceLabel(client)}
              {client.isCurrent ? <span className="badge badge-current">This device</span> : null}
            </dd>
          </div>
          <div>
            <dt>Kind</dt>
            <dd>
              {kindLabel(client.kind)} · {client.connected ? "Connected" : "Offline"}
            </dd>
          </div>
        </dl>
        {phase.name !== "done" ? <p className={client.isCurrent ? "callout callout-warning" : undefined}>{consequence(client)}</p> : null}
        <div role="status" aria-live="polite" className={outcome ? `callout callout-${outcome.tone}` : undefined}>
          {phase.name === "working" ? <span className="progress-text">Revoking {name}…</span> : outcome?.text}
        </div>
      </div>
      <div className="modal-actions" ref={actionsRef}>
        {phase.name === "done" && outcome ? (
          <>
            {outcome.retry ? (
              <button type="button" className="button" onClick={() => void revoke()}>
                Try again
              </button>
            ) : null}
            {outcome.changePassword ? (
              <button type="button" className="button button-primary" data-autofocus="" onClick={onChangePassword}>
                Change password…
              </button>
            ) : null}
            <button
              type="button"
              className={outcome.changePassword ? "button" : "button button-primary"}
              data-autofocus={outcome.changePassword ? undefined : ""}
              onClick={onClose}
            >
              Done
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button" data-autofocus="" onClick={onClose} disabled={phase.name === "working"}>
              Cancel
            </button>
            <button type="button" className="button button-danger" onClick={() => void revoke()} disabled={phase.name === "working"} aria-busy={phase.name === "working"}>
              {phase.name === "working" ? "Revoking…" : client.isCurrent ? "Revoke and sign out" : "Revoke"}
            </button>
          </>
        )}
      </div>
    </ModalDialog>
  );
}
