// Readable columns for a terminal or a pager; scripts use --json instead.

/** Colour only for a terminal, and never when NO_COLOR is set to anything (https://no-color.org). */
export function useColour(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && !env.NO_COLOR;
}

export type Style = { bold(text: string): string; green(text: string): string };

export function style(colour: boolean): Style {
  const wrap = (open: number, close: number) => (text: string) => (colour ? `\u001b[${open}m${text}\u001b[${close}m` : text);
  return { bold: wrap(1, 22), green: wrap(32, 39) };
}

/** A cell: its text, and how it is shown (colour does not count toward the column's width). */
export type Cell = { text: string; show?: (text: string) => string };

/** Rows of cells under a header, each column as wide as its widest cell, two spaces apart. */
export function renderTable(header: readonly string[], rows: readonly (readonly Cell[])[], s: Style): string {
  const all: readonly (readonly Cell[])[] = [header.map((text) => ({ text, show: s.bold })), ...rows];
  const widths = header.map((_, column) => Math.max(...all.map((row) => [...(row[column]?.text ?? "")].length)));
  return all
    .map((row) =>
      row
        .map((cell, column) => {
          const shown = cell.show ? cell.show(cell.text) : cell.text;
          const last = column === row.length - 1;
          return last ? shown : shown + " ".repeat((widths[column] ?? 0) - [...cell.text].length);
        })
        .join("  "),
    )
    .join("\n");
}
