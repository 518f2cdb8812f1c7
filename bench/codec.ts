// Codec benchmark: a list reply of 1,000 / 10,000 / 100,000 clients into ClientInfo[], against a
// bare `ltx.parse` of the same string, measured alternately in the same process.
//
// Two Warden figures per size:
// - "as received": Warden's BoundedParser (src/core/xmpp/bounded-parser.ts, what every socket
//   chunk is fed to), written in 16 KiB Buffer chunks (one TLS record each) inside an open
//   <stream:stream>, then classifyListReply — the path a reply takes in the client. The 100,000
//   reply (27 MB) is over the product's 16 MiB stanza limit, so that one run lifts the limit.
// - "codec": ltx.parse of the whole string, then classifyListReply — the same parser as the
//   baseline, so the ratio is Warden's own code (src/core/protocol) and nothing else.
//
// No forced GC before the timed runs: a full collection right before a parse makes that parse
// several times slower (V8 shrinks the young generation), which would hide what is measured.
// Each contender pays for the garbage collections its own allocations cause, as in the app.
import { parse } from "ltx";
import { BoundedParser, MAX_STANZA_BYTES } from "../src/core/xmpp/bounded-parser.js";
import { classifyListReply } from "../src/core/protocol/index.js";
import type { XmlElement } from "../src/core/protocol/index.js";
import { median, met, ms, positiveInt, rotate, saveSection, times, timedSync, type ResultRow } from "./common.js";
import { listReplyXml } from "./list-reply-fixture.js";

const TARGET = 1.5;
const CHUNK = 16 * 1024;
const SIZES = [1_000, 10_000, 100_000] as const;
/** Runs per size: more for the small ones, whose times are short and noisier. */
const RUNS: Record<(typeof SIZES)[number], number> = {
  1_000: positiveInt(process.env.BENCH_CODEC_RUNS_1K, 41),
  10_000: positiveInt(process.env.BENCH_CODEC_RUNS_10K, 11),
  100_000: positiveInt(process.env.BENCH_CODEC_RUNS_100K, 3),
};
const WARMUP: Record<(typeof SIZES)[number], number> = { 1_000: 10, 10_000: 3, 100_000: 1 };

const isCurrent = (id: string): boolean => id === "client/none";
let sink = 0;

function classify(reply: XmlElement, n: number): void {
  const result = classifyListReply(reply, "prosody", isCurrent);
  if (!result.ok || result.value.kind !== "clients" || result.value.clients.length !== n) throw new Error(`the codec did not list ${n} clients`);
  sink += result.value.clients.length;
}

const STREAM_OPEN = `<stream:stream xmlns="jabber:client" xmlns:stream="http://etherx.jabber.org/streams" from="localhost" id="s1" version="1.0">`;

/** The client's path: a streaming parser over TLS-record-sized chunks, then the codec. */
function asReceived(xml: string, n: number): number {
  const bytes = Buffer.from(xml);
  const parser = new BoundedParser({ maxStanzaBytes: Math.max(MAX_STANZA_BYTES, bytes.length + 1) });
  let stanza: XmlElement | undefined;
  parser.on("element", (element) => {
    stanza = element as unknown as XmlElement;
  });
  parser.on("error", (error) => {
    throw error;
  });
  parser.write(Buffer.from(STREAM_OPEN));
  return timedSync(() => {
    for (let i = 0; i < bytes.length; i += CHUNK) parser.write(bytes.subarray(i, i + CHUNK));
    if (!stanza) throw new Error("the parser emitted no stanza");
    classify(stanza, n);
  });
}

function codec(xml: string, n: number): number {
  return timedSync(() => classify(parse(xml) as unknown as XmlElement, n));
}

function bare(xml: string): number {
  return timedSync(() => {
    const element = parse(xml);
    sink += element.children.length;
  });
}

async function main(): Promise<void> {
  const rows: ResultRow[] = [];
  for (const n of SIZES) {
    const xml = listReplyXml(n);
    const runs = RUNS[n];
    // One rotation of all three, so both Warden figures share their baseline runs.
    const [received, own, baseline] = await rotate(runs, WARMUP[n], [() => asReceived(xml, n), () => codec(xml, n), () => bare(xml)]);
    const b = median(baseline!);
    const mb = (Buffer.byteLength(xml) / 1024 / 1024).toFixed(1);
    for (const [label, times_] of [
      ["as received (Warden's BoundedParser, 16 KiB chunks)", received],
      ["codec (ltx.parse + classifyListReply)", own],
    ] as const) {
      const w = median(times_!);
      const ratio = w / b;
      const figure = `${n.toLocaleString("en-US")} clients (${mb} MB), ${label}`;
      console.log(`codec ${figure}: warden ${ms(w)}, bare ltx.parse ${ms(b)}, ${times(ratio)} the bare parse (target ≤ ${TARGET}×)`);
      rows.push({ figure, warden: ms(w), baseline: ms(b), ratio: `${times(ratio)} (Warden / bare)`, target: `≤ ${TARGET}×`, met: met(ratio <= TARGET) });
    }
  }
  if (sink === 0) throw new Error("nothing parsed");
  saveSection("codec", {
    order: 1,
    title: "Codec: list reply → ClientInfo[]",
    method: [
      "Input: a generated `<iq type=\"result\">` in the shape Prosody 13's mod_client_management sends (golden list-mixed.xml): five kinds of entry in rotation — sessions with password or password+FAST, with and without a user agent, and OAuth grants — every id, name and timestamp distinct.",
      "Baseline: `ltx.parse` of the same string (a bare parse into an element tree, nothing else).",
      "Warden, *as received*: Warden's `BoundedParser` (src/core/xmpp/bounded-parser.ts, what every socket chunk is fed to), written in 16 KiB Buffer chunks inside an open `<stream:stream>`, then `classifyListReply` (src/core/protocol). The 100,000-client reply (27 MB) is over the app's 16 MiB stanza limit, which the app refuses; the bench lifts the limit for that size to measure the parser.",
      "Warden, *codec*: `ltx.parse` of the whole string, then `classifyListReply` — the same parser as the baseline, so the difference is Warden's own code.",
      "The three (both Warden paths and the baseline) take turns run by run — which goes first rotates every round — in one Node process, with no forced GC (each pays for the collections its own allocations cause); both Warden figures are compared with the same baseline runs.",
    ],
    runs: `${RUNS[1_000]} (1,000), ${RUNS[10_000]} (10,000), ${RUNS[100_000]} (100,000) per figure, after ${WARMUP[1_000]} / ${WARMUP[10_000]} / ${WARMUP[100_000]} warm-ups`,
    rows,
    notes: [],
  });
}

await main();
