import { useEffect, useRef, useState } from "react";
import type { AccountState, ClientManagerApi, CredentialStorage } from "../../src/shared/index.js";
import { AccountScreen } from "./account-screen.js";
import { AnnouncerProvider } from "./announcer.js";
import { Brand } from "./brand.js";
import { ClientManagerProvider, useClientManager } from "./client-manager-context.js";
import { markSignInStart } from "./perf.js";
import { SignInForm } from "./sign-in-form.js";
import { useAccountState } from "./use-account-state.js";

/** The whole UI. `api` is for tests; the app uses window.clientManager. */
export function App({ api }: { api?: ClientManagerApi }) {
  const content = (
    <AnnouncerProvider>
      <Screens />
    </AnnouncerProvider>
  );
  return api ? <ClientManagerProvider api={api}>{content}</ClientManagerProvider> : content;
}

function Screens() {
  const api = useClientManager();
  const [state] = useAccountState();
  const [notice, setNotice] = useState<string | null>(null);
  const launchHandled = useRef(false);
  const [launching, setLaunching] = useState(false);
  // Which account has been online in this run: "connecting" then means a reconnect, not a sign-in.
  const onlineJid = useRef<string | null>(null);
  const credentials = useRef<CredentialStorage | undefined>(undefined);

  if (state?.status === "online") {
    onlineJid.current = state.jid;
    credentials.current = state.credentials;
  } else if (state && state.status !== "connecting" && state.status !== "reconnecting") {
    onlineJid.current = null;
  }

  // The account last used here, as the core remembers it: offered on the form, resumed on launch.
  const lastAccount = state?.status === "signed-out" ? state.lastAccount : undefined;

  // Relaunch: sign in with the stored token when the user asked to be remembered and did not sign out.
  useEffect(() => {
    if (!state || launchHandled.current) return;
    launchHandled.current = true;
    if (state.status !== "signed-out" || !state.lastAccount?.resume) return;
    markSignInStart();
    setLaunching(true);
    void api.signIn({ jid: state.lastAccount.jid, remember: true }).finally(() => setLaunching(false));
  }, [state, api]);

  useEffect(() => {
    if (state?.status === "online") setNotice(null);
  }, [state?.status]);

  if (!state || (launching && state.status === "signed-out")) {
    return (
      <div className="splash" role="status">
        <span className="spinner" aria-hidden="true" />
        {launching && lastAccount ? `Signing in as ${lastAccount.jid}…` : "Starting Warden…"}
      </div>
    );
  }

  const showAccount =
    state.status === "online" || state.status === "reconnecting" || (state.status === "connecting" && onlineJid.current === state.jid);
  if (showAccount) {
    return <AccountScreen jid={state.jid} state={state} credentials={credentials.current} onNotice={setNotice} />;
  }
  return (
    <div className="sign-in-screen">
      <Brand />
      <div className="sign-in-card">
        <SignInForm state={state} initialJid={jidOf(state) ?? lastAccount?.jid ?? ""} initialRemember notice={notice} />
      </div>
    </div>
  );
}

function jidOf(state: AccountState): string | undefined {
  return "jid" in state ? state.jid : undefined;
}
