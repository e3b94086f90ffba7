// Plain-text tables for terminals and for pasting into reports: no colours, no box characters.

export type Cell = string | number | null;

export interface TableOptions {
  headers: readonly string[];
  rows: ReadonlyArray<readonly Cell[]>;
  /** Columns (by index) aligned left; the rest, numbers mostly, are aligned right. */
  leftAligned?: readonly number[];
}

export function formatTable({ headers, rows, leftAligned = [0] }: TableOptions): string {
  const text = (cell: Cell) => (cell === null ? '–' : String(cell));
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => text(row[column] ?? null).length)));
  const line = (cells: readonly Cell[]) =>
    widths
      .map((width, column) => {
        const value = text(cells[column] ?? null);
        return leftAligned.includes(column) ? value.padEnd(width) : value.padStart(width);
      })
      .join('  ')
      .trimEnd();
  const rule = widths.map((width) => '-'.repeat(width)).join('  ');
  return [line(headers), rule, ...rows.map(line)].join('\n');
}

/** A share in [0, 1] with three decimals, or "–" when undefined. */
export function formatShare(value: number | null): string {
  return value === null ? '–' : value.toFixed(3);
}

/** Milliseconds with a precision that suits their size. */
export function formatMilliseconds(value: number | null): string {
  if (value === null) return '–';
  if (value >= 100) return `${value.toFixed(0)} ms`;
  if (value >= 1) return `${value.toFixed(1)} ms`;
  return `${value.toFixed(3)} ms`;
}
