/**
 * Tables in text (CSV exports, query results): a header row names each column, so a cell is read the way a JSON
 * value under that name would be — `password`, `phone`, `nric` and the like make a bare cell a finding.
 */
import { classifyFieldName } from "./context";
import { CVV_KEY } from "./pii";
import { namesNationalId } from "./pii-national";
import { namesPersonalField } from "./pii-personal";

export interface Cell {
  /** Column header: the cell's field name. */
  key: string;
  start: number;
  end: number;
}

const HEADER_CELL = /^[A-Za-z_][A-Za-z0-9_ .#/-]{0,40}$/;
const MAX_ROWS = 5_000;

/** A header naming something sensitive, by the same rules as a JSON field name. */
const sensitive = (name: string): boolean =>
  classifyFieldName(name) !== null || CVV_KEY.test(name) || namesNationalId(name) || namesPersonalField(name);

/** Cells of one CSV line as [start, end) offsets into `text` (quotes excluded). */
function splitLine(text: string, from: number, to: number, sep: string): [number, number][] {
  const cells: [number, number][] = [];
  let i = from;
  while (i <= to) {
    if (text[i] === '"') {
      let j = i + 1;
      while (j < to && !(text[j] === '"' && text[j + 1] !== '"')) j += text[j] === '"' ? 2 : 1;
      cells.push([i + 1, j]);
      i = text.indexOf(sep, j);
      if (i === -1 || i > to) break;
      i++;
      continue;
    }
    let j = text.indexOf(sep, i);
    if (j === -1 || j > to) j = to;
    cells.push([i, j]);
    i = j + 1;
  }
  return cells;
}

/** Data cells of every sensitive column in every table of `text`. */
export function sensitiveCells(text: string): Cell[] {
  const sep = text.includes("\t") && !text.includes(",") ? "\t" : ",";
  if (!text.includes(sep) || !text.includes("\n")) return [];
  const out: Cell[] = [];
  let header: { keys: (string | null)[]; count: number } | null = null;
  let rows = 0;
  for (let at = 0; at < text.length && rows < MAX_ROWS; ) {
    let end = text.indexOf("\n", at);
    if (end === -1) end = text.length;
    const lineEnd = text[end - 1] === "\r" ? end - 1 : end;
    const cells = lineEnd > at ? splitLine(text, at, lineEnd, sep) : [];
    if (cells.length < 2) header = null;
    else if (header && Math.abs(cells.length - header.count) <= 1) {
      rows++;
      cells.forEach(([s, e], i) => {
        const key = header?.keys[i];
        if (key && e > s) out.push({ key, start: s, end: e });
      });
    } else {
      const names = cells.map(([s, e]) => text.slice(s, e).trim());
      header = names.every((n) => HEADER_CELL.test(n))
        ? { keys: names.map((n) => (sensitive(n) ? n : null)), count: names.length }
        : null;
      if (header && !header.keys.some((k) => k !== null)) header = { ...header, keys: [] };
    }
    at = end + 1;
  }
  return out;
}
