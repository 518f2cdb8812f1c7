import { createContext, useContext } from "react";
import { defineMessages, useIntl } from "react-intl";
import type { Nicknames } from "./activity-text.js";

type NicknamesValue = { jid: string; nicknames: Nicknames };

const NicknamesContext = createContext<NicknamesValue>({ jid: "", nicknames: {} });

/** The shown account's nicknames (AccountOptions.nicknames), for its rows and dialogs. */
export const NicknamesProvider = NicknamesContext.Provider;

export function useNicknames(): NicknamesValue {
  return useContext(NicknamesContext);
}

/** The user's name for the first of `ids` that has one (an app row holds a token and a session). */
export function nicknameOf(nicknames: Nicknames, ids: readonly string[]): string | undefined {
  const id = ids.find((candidate) => Object.hasOwn(nicknames, candidate));
  return id === undefined ? undefined : nicknames[id];
}

/** The user's name for the entry holding `ids` in the shown account, if they gave one. */
export function useNicknameOf(ids: readonly string[]): string | undefined {
  return nicknameOf(useNicknames().nicknames, ids);
}

const messages = defineMessages({
  fact: { id: "nickname.fact", defaultMessage: "Your name for it", description: "In a dialog's summary of an entry, before the name the user gave it" },
});

/** A dialog's summary line with the user's name for the entry; nothing when they gave none. */
export function NicknameFact({ nickname }: { nickname: string | undefined }) {
  const intl = useIntl();
  if (nickname === undefined) return null;
  return (
    <div>
      <dt>{intl.formatMessage(messages.fact)}</dt>
      <dd>{nickname}</dd>
    </div>
  );
}
