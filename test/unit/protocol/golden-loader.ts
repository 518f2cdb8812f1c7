/**
 * Loads the request/reply captures in test/fixtures/manage-clients-golden/ (copied from the shared
 * notes; its README says where each came from).
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as ltx from "ltx";
import type { Element } from "ltx";

/** The repository root: three levels above this file (test/unit/protocol/). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
export const GOLDEN_DIR = path.resolve(REPO_ROOT, "test/fixtures/manage-clients-golden");

export type Golden = {
  name: string;
  source: string;
  requestText: string;
  responseText: string;
  request: Element;
  response: Element;
};

export function parseXml(text: string): Element {
  return ltx.parse(text);
}

export function goldenNames(): string[] {
  return readdirSync(GOLDEN_DIR)
    .filter((f) => f.endsWith(".xml"))
    .map((f) => f.slice(0, -4))
    .sort();
}

export function loadGolden(name: string): Golden {
  const text = readFileSync(path.join(GOLDEN_DIR, `${name}.xml`), "utf8");
  const source = /^<!--\s*(.*?)\s*-->/.exec(text)?.[1] ?? "";
  const req = text.indexOf("<!-- request -->");
  const res = text.indexOf("<!-- response -->");
  if (req < 0 || res < 0 || res < req) throw new Error(`${name}: missing <!-- request --> / <!-- response --> markers`);
  const requestText = text.slice(req + "<!-- request -->".length, res).trim();
  const responseText = text.slice(res + "<!-- response -->".length).trim();
  return { name, source, requestText, responseText, request: parseXml(requestText), response: parseXml(responseText) };
}

/** The request bytes with the `id` attribute of the root `<iq>` removed. */
export function withoutIqId(requestText: string): string {
  return requestText.replace(/^(<iq\b[^>]*?)\s+id="[^"]*"/, "$1");
}
