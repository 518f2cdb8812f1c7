import { describe, expect, it } from "vitest";

import type { Protection } from "../../../src/shared/account-state.js";
import { DowngradeError, lostProtections, usableProtections } from "../../../src/core/sasl/downgrade-policy.js";
import type { StreamOffer } from "../../../src/core/sasl/stream-offer.js";

const CB = new Uint8Array(32).fill(7);
/** What Prosody 13 offers over TLS 1.3 (mod_saslauth, mod_sasl2, mod_sasl2_fast). */
const PROSODY: StreamOffer = {
  mechanisms: ["OAUTHBEARER", "PLAIN", "SCRAM-SHA-1-PLUS", "SCRAM-SHA-1"],
  channelBindings: ["tls-exporter"],
  fastMechanisms: ["HT-SHA-256-EXPR", "HT-SHA-256-NONE"],
};
const EVERYTHING: Protection[] = ["ca-verified-certificate", "scram", "channel-binding", "fast-channel-binding", "downgrade-protection"];

describe("usableProtections", () => {
  it.each([
    { name: "Prosody over TLS 1.3", offer: PROSODY, cb: true, expected: ["scram", "channel-binding", "fast-channel-binding"] },
    { name: "Prosody over TLS 1.2 (no exporter data)", offer: PROSODY, cb: false, expected: ["scram"] },
    { name: "no XEP-0440 advertisement", offer: { ...PROSODY, channelBindings: [] }, cb: true, expected: ["scram", "fast-channel-binding"] },
    { name: "-PLUS only, bindable", offer: { ...PROSODY, mechanisms: ["SCRAM-SHA-1-PLUS"] }, cb: true, expected: ["scram", "channel-binding", "fast-channel-binding"] },
    { name: "-PLUS only, not bindable", offer: { ...PROSODY, mechanisms: ["SCRAM-SHA-1-PLUS"], fastMechanisms: undefined }, cb: false, expected: [] },
    { name: "PLAIN only, FAST without EXPR", offer: { mechanisms: ["PLAIN"], channelBindings: [], fastMechanisms: ["HT-SHA-256-NONE"] }, cb: true, expected: [] },
  ] satisfies { name: string; offer: StreamOffer; cb: boolean; expected: Protection[] }[])("$name", ({ offer, cb, expected }) => {
    expect(usableProtections({ offer, tlsExporter: cb ? CB : undefined })).toEqual(expected);
  });
});

describe("lostProtections", () => {
  const table: { name: string; remembered: Protection[]; offer: StreamOffer; cb: boolean; lost: Protection[] }[] = [
    { name: "nothing remembered, PLAIN only", remembered: [], offer: { mechanisms: ["PLAIN"], channelBindings: [], fastMechanisms: undefined }, cb: false, lost: [] },
    { name: "everything remembered, same offer", remembered: EVERYTHING, offer: PROSODY, cb: true, lost: [] },
    { name: "scram remembered, PLAIN only", remembered: ["scram"], offer: { mechanisms: ["PLAIN"], channelBindings: [], fastMechanisms: undefined }, cb: true, lost: ["scram"] },
    { name: "channel-binding remembered, -PLUS gone", remembered: ["scram", "channel-binding"], offer: { ...PROSODY, mechanisms: ["PLAIN", "SCRAM-SHA-1"] }, cb: true, lost: ["channel-binding"] },
    { name: "channel-binding remembered, tls-exporter not advertised", remembered: ["channel-binding"], offer: { ...PROSODY, channelBindings: ["tls-server-end-point"] }, cb: true, lost: ["channel-binding"] },
    { name: "channel-binding remembered, TLS 1.2", remembered: ["channel-binding"], offer: { ...PROSODY, fastMechanisms: undefined }, cb: false, lost: ["channel-binding"] },
    { name: "fast-channel-binding remembered, FAST offers NONE only", remembered: ["fast-channel-binding"], offer: { ...PROSODY, fastMechanisms: ["HT-SHA-256-NONE"] }, cb: true, lost: ["fast-channel-binding"] },
    { name: "fast-channel-binding remembered, FAST offers EXPR but no exporter data", remembered: ["fast-channel-binding"], offer: { ...PROSODY, fastMechanisms: ["HT-SHA-256-EXPR"] }, cb: false, lost: ["fast-channel-binding"] },
    { name: "fast-channel-binding remembered, FAST offers nothing we know", remembered: ["fast-channel-binding"], offer: { ...PROSODY, fastMechanisms: [] }, cb: true, lost: ["fast-channel-binding"] },
    { name: "fast-channel-binding remembered, FAST not offered at all", remembered: ["fast-channel-binding"], offer: { ...PROSODY, fastMechanisms: undefined }, cb: true, lost: [] },
    { name: "downgrade-protection remembered, PLAIN only", remembered: ["scram", "downgrade-protection"], offer: { mechanisms: ["PLAIN"], channelBindings: [], fastMechanisms: undefined }, cb: true, lost: ["scram", "downgrade-protection"] },
    { name: "downgrade-protection remembered, SCRAM offered (h= is checked later)", remembered: ["downgrade-protection"], offer: PROSODY, cb: false, lost: [] },
    {
      name: "everything remembered, TLS 1.2: every loss at once",
      remembered: EVERYTHING,
      offer: PROSODY,
      cb: false,
      lost: ["channel-binding", "fast-channel-binding"],
    },
    {
      name: "everything remembered, PLAIN and FAST NONE only",
      remembered: EVERYTHING,
      offer: { mechanisms: ["PLAIN"], channelBindings: [], fastMechanisms: ["HT-SHA-256-NONE"] },
      cb: true,
      lost: ["scram", "channel-binding", "fast-channel-binding", "downgrade-protection"],
    },
    { name: "the certificate is not this layer's", remembered: ["ca-verified-certificate"], offer: { mechanisms: ["PLAIN"], channelBindings: [], fastMechanisms: undefined }, cb: false, lost: [] },
  ];

  it.each(table)("$name -> $lost", ({ remembered, offer, cb, lost }) => {
    expect(lostProtections(remembered, { offer, tlsExporter: cb ? CB : undefined })).toEqual(lost);
  });
});

describe("DowngradeError", () => {
  it("carries what was lost, and says it in plain words", () => {
    const error = new DowngradeError(["channel-binding", "downgrade-protection"]);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe("DowngradeError");
    expect(error.lost).toEqual(["channel-binding", "downgrade-protection"]);
    expect(error.message).toContain("channel-binding, downgrade-protection");
  });
});
