/**
 * Keeps an account's nicknames in step with its private PEP storage when the user turned sync on.
 *
 * The stored item is the whole map and the last device to write wins. Turning sync on merges
 * (the union of both, this device's name winning where both named an entry); after that, each
 * change here stores this device's whole map (so a name removed here stays removed), and each time
 * the account comes online the stored map replaces this device's (so another Warden's changes
 * show). A change the server could not take yet is stored at the next connection instead of being
 * replaced (in this run of Warden). Turning sync off keeps the names on this device and leaves the
 * stored item on the server, where only the account can read it; turning sync on again merges.
 * Nothing here ever removes a name this device has because the server failed.
 */
import type { Element } from "ltx";
import type { RequestError } from "../../shared/errors.js";
import type { Result } from "../../shared/result.js";
import type { Logger } from "../log.js";
import type { XmlElement } from "../protocol/xml.js";
import { getAccount, upsertAccount, type SettingsStore } from "../settings/index.js";
import {
  MAX_SYNCED_NICKNAMES,
  buildNicknamesPublish,
  buildNicknamesRetrieve,
  classifyNicknamesReply,
  classifyPublishReply,
  type Nicknames,
} from "./nickname-storage.js";

/** Far below what servers accept in one stanza (Prosody: 256 KiB), so a publish never ends the stream. */
const MAX_PUBLISH_CHARS = 128 * 1024;

type Request = (iq: Element) => Promise<Result<XmlElement, RequestError>>;

export interface NicknameSyncDeps {
  settings: SettingsStore;
  /** The account's request on its authenticated stream while it is online; undefined otherwise. */
  requester(jid: string): Request | undefined;
  /** The account's options changed: nicknames taken from the server, or the sync problem. */
  changed(jid: string): void;
  log: Logger;
}

export interface NicknameSync {
  /** The user turned sync on (merge with what is stored) or off (the names stay on this device). */
  setEnabled(jid: string, enabled: boolean): Promise<void>;
  /** This device's nicknames changed: the whole map is stored, when sync is on. */
  changedHere(jid: string): Promise<void>;
  /** The account is online (again): what is stored replaces this device's names, when sync is on. */
  online(jid: string): Promise<void>;
  /** Why the last sync failed, in words for Details; undefined when it worked or sync is off. */
  problemOf(jid: string): string | undefined;
}

interface SyncState {
  /** One exchange with the server at a time per account, in the order asked. */
  queue: Promise<void>;
  /** What this device still owes the server: a merge (sync just turned on) or its own map. */
  owed?: "merge" | "publish";
  /** Counts changes made here, so an exchange knows whether one came while it waited. */
  changes: number;
  problem?: string;
}

/** Why a step failed, said once for the user (`problem`) and once, without names, for the log. */
type Failure = { problem: string; log: string } | { retryOnline: true; log: string };

export function createNicknameSync({ settings, requester, changed, log }: NicknameSyncDeps): NicknameSync {
  const states = new Map<string, SyncState>();
  const stateOf = (jid: string): SyncState => {
    let state = states.get(jid);
    if (!state) states.set(jid, (state = { queue: Promise.resolve(), changes: 0 }));
    return state;
  };
  const syncOn = (jid: string) => getAccount(settings, jid)?.nicknameSync === true;
  const localNicknames = (jid: string): Nicknames => getAccount(settings, jid)?.nicknames ?? {};

  function enqueue(jid: string, step: () => Promise<void>): Promise<void> {
    const state = stateOf(jid);
    // Callers do not wait on a failure here (one runs on every connection): it is logged, by kind only.
    const guarded = () => step().catch((error: unknown) => log("error", `${jid}: nickname sync failed (${error instanceof Error ? error.name : typeof error})`));
    state.queue = state.queue.then(guarded);
    return state.queue;
  }

  function setProblem(jid: string, problem: string | undefined): void {
    const state = stateOf(jid);
    if (state.problem === problem) return;
    if (problem === undefined) delete state.problem;
    else state.problem = problem;
    changed(jid);
  }

  function adoptHere(jid: string, nicknames: Nicknames): void {
    if (sameNicknames(localNicknames(jid), nicknames)) return;
    upsertAccount(settings, jid, { nicknames });
    changed(jid);
  }

  async function fetchStored(request: Request): Promise<{ stored: Nicknames | undefined } | Failure> {
    const reply = await request(buildNicknamesRetrieve());
    if (!reply.ok) return requestFailure(reply.error, "read");
    const classified = classifyNicknamesReply(reply.value);
    if (!classified.ok) return protocolFailure("read");
    const answer = classified.value;
    if (answer.kind === "refused") return refusedFailure(answer.condition, answer.text, "read");
    return { stored: answer.kind === "stored" ? answer.nicknames : undefined };
  }

  async function store(request: Request, nicknames: Nicknames): Promise<{ stored: true } | Failure> {
    const publish = buildNicknamesPublish(nicknames);
    if (Object.keys(nicknames).length > MAX_SYNCED_NICKNAMES || publish.toString().length > MAX_PUBLISH_CHARS) {
      return { problem: "There are too many nicknames to store on the server: they stay on this device.", log: "too large to store" };
    }
    const reply = await request(publish);
    if (!reply.ok) return requestFailure(reply.error, "store");
    const classified = classifyPublishReply(reply.value);
    if (!classified.ok) return protocolFailure("store");
    const answer = classified.value;
    return answer.kind === "stored" ? { stored: true } : refusedFailure(answer.condition, answer.text, "store");
  }

  /** One exchange: what this device owes the server, or else taking what the server has. */
  async function exchange(jid: string): Promise<void> {
    const request = requester(jid);
    if (!syncOn(jid) || !request) return;
    const outcome = await run(jid, request);
    if (!("log" in outcome)) {
      setProblem(jid, undefined);
      return;
    }
    log("warn", `${jid}: nickname sync: ${outcome.log}`);
    if ("problem" in outcome) setProblem(jid, outcome.problem);
  }

  async function run(jid: string, request: Request): Promise<{ done: true } | Failure> {
    const state = stateOf(jid);
    const { owed, changes } = state;
    /** What was owed is paid; a change made here meanwhile is still owed, as this device's map. */
    const paid = (): { done: true } => {
      if (state.changes === changes) delete state.owed;
      else state.owed = "publish";
      return { done: true };
    };
    if (owed === "publish") {
      const stored = await store(request, localNicknames(jid));
      return "log" in stored ? stored : paid();
    }
    const fetched = await fetchStored(request);
    if ("log" in fetched) return fetched;
    // Turned off, or the account removed, while the server answered: nothing more to do.
    if (!syncOn(jid)) return { done: true };
    if (owed === "merge") {
      const merged = { ...(fetched.stored ?? {}), ...localNicknames(jid) };
      adoptHere(jid, merged);
      const stored = await store(request, merged);
      return "log" in stored ? stored : paid();
    }
    // A change made here while the server answered is stored next (it is owed), not replaced.
    if (state.changes !== changes) return { done: true };
    if (fetched.stored !== undefined) {
      adoptHere(jid, fetched.stored);
      return { done: true };
    }
    // Nothing stored (yet, or any more): this device's names become what is stored.
    const stored = await store(request, localNicknames(jid));
    return "log" in stored ? stored : { done: true };
  }

  return {
    async setEnabled(jid, enabled) {
      const state = stateOf(jid);
      upsertAccount(settings, jid, { nicknameSync: enabled });
      if (!enabled) {
        delete state.owed;
        delete state.problem;
        log("info", `${jid}: nickname sync off`);
        return;
      }
      state.owed = "merge";
      state.changes++;
      log("info", `${jid}: nickname sync on`);
      await enqueue(jid, () => exchange(jid));
    },

    async changedHere(jid) {
      if (!syncOn(jid)) return;
      const state = stateOf(jid);
      // A merge still owed includes this change; otherwise the whole map is owed.
      state.owed ??= "publish";
      state.changes++;
      await enqueue(jid, () => exchange(jid));
    },

    async online(jid) {
      if (!syncOn(jid)) return;
      await enqueue(jid, () => exchange(jid));
    },

    problemOf(jid) {
      return syncOn(jid) ? states.get(jid)?.problem : undefined;
    },
  };
}

function sameNicknames(a: Nicknames, b: Nicknames): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((id) => Object.hasOwn(b, id) && a[id] === b[id]);
}

function requestFailure(error: RequestError, action: "read" | "store"): Failure {
  // The connection went away: the next time the account is online, the exchange runs again.
  if (error.kind === "disconnected" || error.kind === "not-signed-in") return { retryOnline: true, log: `${action}: ${error.kind}` };
  if (error.kind === "timeout") {
    return { problem: "The server did not answer in time about the stored nicknames: they stay on this device for now.", log: `${action}: timeout` };
  }
  return { problem: `Warden could not ${action === "read" ? "read the nicknames stored on the server" : "store the nicknames on the server"}: they stay on this device.`, log: `${action}: ${error.kind}` };
}

function protocolFailure(action: "read" | "store"): Failure {
  return { problem: "The server's answer about the stored nicknames could not be read: they stay on this device.", log: `${action}: unexpected reply` };
}

function refusedFailure(condition: string, text: string | undefined, action: "read" | "store"): Failure {
  const log = `${action}: ${condition}`;
  switch (condition) {
    case "service-unavailable":
    case "feature-not-implemented":
      return { problem: "This server offers no private storage (PEP) for nicknames: they stay on this device.", log };
    case "precondition-not-met":
      return { problem: "The server would not keep the nicknames private (it refused the private storage settings): they stay on this device.", log };
    case "forbidden":
    case "not-allowed":
    case "not-authorized":
      return { problem: `The server refused to ${action === "read" ? "give back" : "store"} the nicknames: they stay on this device.`, log };
    default: {
      const said = text === undefined ? condition : `${condition}: ${text.slice(0, 200)}`;
      return { problem: `The server could not ${action === "read" ? "give back" : "store"} the nicknames (${said}): they stay on this device.`, log };
    }
  }
}
