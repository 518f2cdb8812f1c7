/** How many characters of an id the list shows and the search matches as its short form. */
export const SHORT_ID_LENGTH = 8;

/**
 * An id's first characters after the type prefix every id of a kind shares ("client/", "grant/" on
 * Prosody), so the short form tells entries apart. `length` grows it where two short forms collide.
 */
export function shortId(id: string, length = SHORT_ID_LENGTH): string {
  const slash = id.indexOf("/");
  const rest = slash > 0 && slash < id.length - 1 ? id.slice(slash + 1) : id;
  return rest.slice(0, length);
}
