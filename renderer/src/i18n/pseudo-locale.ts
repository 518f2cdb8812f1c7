import { parse, TYPE, type MessageFormatElement } from "@formatjs/icu-messageformat-parser";

// Each ASCII letter has an accented look-alike of one code point: pseudo text keeps no ASCII letter,
// so English left in the page stands out to a test as well as to the eye.
const PLAIN = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
const ACCENTED = [..."åƀçđéƒĝĥîĵķļɱñöþǫŕšţûṽŵẋýžÅƁÇĐÉƑĜĤÎĴĶĻṀÑÖÞǪŔŠŢÛṼŴẊÝŽ"];
const FILLER = "ţŵö ţĥŕéé ƒöûŕ ƒîṽé šîẋ šéṽéñ éîĝĥţ ñîñé ţéñ ";
/** How much longer than English pseudo text is: German and French often run this much longer. */
const GROWTH = 0.35;

function accent(text: string): string {
  return text.replace(/[a-zA-Z]/g, (letter) => ACCENTED[PLAIN.indexOf(letter)] ?? letter);
}

/** Literal text as shown, counting a plural's or select's "other" case; arguments count nothing. */
function textLength(elements: readonly MessageFormatElement[]): number {
  let length = 0;
  for (const element of elements) {
    if (element.type === TYPE.literal) length += element.value.length;
    else if (element.type === TYPE.tag) length += textLength(element.children);
    else if (element.type === TYPE.plural || element.type === TYPE.select) length += textLength(element.options.other?.value ?? []);
  }
  return length;
}

/** The same message with its literal text accented; arguments, plural and select cases, and tags keep their shape. */
function accentElements(elements: readonly MessageFormatElement[]): MessageFormatElement[] {
  return elements.map((element): MessageFormatElement => {
    switch (element.type) {
      case TYPE.literal:
        return { ...element, value: accent(element.value) };
      case TYPE.tag:
        return { ...element, children: accentElements(element.children) };
      case TYPE.plural:
      case TYPE.select:
        return {
          ...element,
          options: Object.fromEntries(Object.entries(element.options).map(([key, option]) => [key, { ...option, value: accentElements(option.value) }])),
        } as MessageFormatElement;
      default:
        return element;
    }
  });
}

/** An English ICU message as pseudo-locale AST: "[Ŝîĝñ öûţ ţŵö]" for "Sign out". */
export function pseudoLocalize(message: string): MessageFormatElement[] {
  const elements = parse(message);
  const extra = Math.ceil(textLength(elements) * GROWTH);
  const filler = extra > 0 ? ` ${FILLER.repeat(Math.ceil(extra / FILLER.length)).slice(0, extra).trimEnd()}` : "";
  return [{ type: TYPE.literal, value: "[" }, ...accentElements(elements), { type: TYPE.literal, value: `${filler}]` }];
}

/** A catalog of pseudo messages for every English message, by id. */
export function pseudoCatalog(english: Readonly<Record<string, string>>): Record<string, MessageFormatElement[]> {
  return Object.fromEntries(Object.entries(english).map(([id, message]) => [id, pseudoLocalize(message)]));
}
