import { createIntl } from "react-intl";
import { describe, expect, it } from "vitest";
import type { RevokeResult } from "../../src/shared/index.js";
import type { AppEntry } from "./group-apps.js";
import { describeAppRevoke } from "./revoke-app-outcome-text.js";
import { makeClient } from "./test/fake-client-manager.js";

const intl = createIntl({ locale: "en" });

const OAUTH = { software: "Movim", softwareId: "movim-web", uri: "https://movim.eu/" };
const app: AppEntry = {
  kind: "app",
  grant: makeClient({ id: "g", kind: "access", authMethods: ["token"], userAgent: OAUTH }),
  session: makeClient({ id: "s", connected: true, authMethods: ["fast"], userAgent: { ...OAUTH, device: "Firefox" } }),
};
const removedGrant: RevokeResult = { ok: true, value: { outcome: "gone", removed: ["grant"] } };

describe("describeAppRevoke", () => {
  it("says what went for each entry when both went", () => {
    const text = describeAppRevoke(intl, app, removedGrant, { ok: true, value: { outcome: "gone", removed: ["session", "fast-tokens"] } });
    expect(text).toEqual({
      tone: "success",
      title: "Access removed",
      text: "Movim no longer has access to your account. Its app token was removed. Its session was signed out and its sign-in tokens were removed.",
    });
  });

  it("never claims a sign-out the list did not see, nor a removal that was already done", () => {
    const text = describeAppRevoke(intl, app, { ok: true, value: { outcome: "already-gone" } }, { ok: true, value: { outcome: "gone", removed: [] } });
    expect(text.text).toBe("Movim no longer has access to your account. Its app token was already gone. Its session no longer has access.");
  });

  it("names the part that may still have access, with what the server last showed", () => {
    const text = describeAppRevoke(intl, app, removedGrant, { ok: false, error: { kind: "timeout" } });
    expect(text.tone).toBe("error");
    expect(text.title).toBe("Access not fully removed");
    expect(text.text).toBe(
      "Its app token was removed. Session: Warden couldn't finish removing access from Movim on Firefox, so it may still have access. The server didn't answer in time. Check your connection and try again.",
    );
    expect(text.retry).toBe(true);
  });

  it("offers the password change and keeps the details of a part that did not go through", () => {
    const text = describeAppRevoke(intl, 
      app,
      { ok: true, value: { outcome: "forbidden" } },
      { ok: true, value: { outcome: "signed-in-again", with: "password" } },
    );
    expect(text.tone).toBe("error");
    expect(text.changePassword).toBe(true);
    expect(text.detail).toBe(
      "App token: The server answered “forbidden”. Session: Afterwards, the server's list showed it connected again, signed in with the password.",
    );
  });
});
