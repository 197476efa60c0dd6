/**
 * Tables. Normalisation turns Markdown, plain-text and HTML tables into
 * "a | b | c" lines; here a line becomes cell spans, and a row becomes a
 * `table-row` fact keyed by the header cells.
 */

export interface CellSpan {
  start: number;
  end: number;
}

/** Cell spans of one "a | b | c" line starting at `base`, trimmed, empty trailing cells dropped. */
export function parseTableCells(line: string, base: number): CellSpan[] {
  const cells: CellSpan[] = [];
  let from = 0;
  for (let i = 0; i <= line.length; i++) {
    if (i === line.length || line[i] === '|') {
      let s = from;
      let e = i;
      while (s < e && /\s/.test(line[s])) s++;
      while (e > s && /\s/.test(line[e - 1])) e--;
      cells.push({ start: base + s, end: base + e });
      from = i + 1;
    }
  }
  while (cells.length > 0 && cells[cells.length - 1].end === cells[cells.length - 1].start)
    cells.pop();
  while (cells.length > 0 && cells[0].end === cells[0].start) cells.shift();
  return cells;
}

/** Header names for a row, made unique and never empty ("Column 2"). */
export function headerNames(text: string, header: CellSpan[], width: number): string[] {
  const names: string[] = [];
  const used = new Set<string>();
  for (let i = 0; i < width; i++) {
    let name = i < header.length ? text.slice(header[i].start, header[i].end).trim() : '';
    if (!name) name = `Column ${i + 1}`;
    let unique = name;
    for (let k = 2; used.has(unique); k++) unique = `${name} (${k})`;
    used.add(unique);
    names.push(unique);
  }
  return names;
}

/** Column index of a header that holds countries or places, if any. */
export function placeColumn(names: string[]): number {
  return names.findIndex((n) =>
    /^(country|countries|nation|state|location|place|partner|city)\b/i.test(n),
  );
}

/** Column of recommended actions ("Recommended Action", "Possible Actions"…), if any. */
export function actionColumn(names: string[]): number {
  return names.findIndex((n) => /\b(recommend\w*|actions?|steps?|measures?)\b/i.test(n));
}
