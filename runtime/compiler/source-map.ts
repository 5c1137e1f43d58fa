/**
 * The part of a source map the runtime needs: for a position in the generated JavaScript, the
 * line in the pupil's TypeScript. Decoded once at compile time into plain arrays, so a compiled
 * program stays plain data (it crosses worker boundaries by structured clone).
 */

/** For each generated line (index 0 = line 1): `[column0, sourceLine0, column1, sourceLine1, …]`,
 *  columns 0-based and increasing, source lines 1-based. */
export type LineTable = number[][];

const BASE64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const DIGIT = new Map([...BASE64].map((char, value) => [char, value]));

function decodeSegment(segment: string): number[] {
  const values: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = DIGIT.get(char);
    if (digit === undefined) throw new Error(`source map: bad character "${char}"`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      values.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return values;
}

/**
 * For each generated line, the source column (0-based) of each segment of the same row of the
 * `LineTable`: `[sourceColumn0, sourceColumn1, …]`.
 */
export type ColumnTable = number[][];

/** Decodes the `mappings` field of a version-3 source map with a single source. */
export function decodeMappings(mappings: string): LineTable {
  return decodePositions(mappings).lines;
}

/** Decodes `mappings` into source lines and, beside them, source columns. */
export function decodePositions(mappings: string): { lines: LineTable; columns: ColumnTable } {
  const lines: LineTable = [];
  const columns: ColumnTable = [];
  let sourceLine = 0;
  let sourceColumn = 0;
  for (const line of mappings.split(";")) {
    const row: number[] = [];
    const columnRow: number[] = [];
    let column = 0;
    for (const segment of line.split(",")) {
      if (!segment) continue;
      const fields = decodeSegment(segment);
      column += fields[0]!;
      if (fields.length >= 4) {
        sourceLine += fields[2]!;
        sourceColumn += fields[3]!;
        row.push(column, sourceLine + 1);
        columnRow.push(sourceColumn);
      }
    }
    lines.push(row);
    columns.push(columnRow);
  }
  return { lines, columns };
}

/** The source line (1-based) for a generated line (1-based) and column (0-based). */
export function sourceLineAt(table: LineTable, line: number, column: number): number | undefined {
  for (let l = Math.min(line, table.length); l >= 1; l--) {
    const row = table[l - 1]!;
    if (row.length === 0) continue;
    if (l < line) return row[row.length - 1];
    let found = row[1];
    for (let i = 0; i < row.length; i += 2) {
      if (row[i]! <= column) found = row[i + 1];
      else break;
    }
    return found;
  }
  return undefined;
}

/**
 * The source position (1-based line and column) for a generated line (1-based) and column
 * (0-based): the segment at or before the column, moved on by as many characters as the column
 * is past the segment's start (TypeScript maps tokens, and removes only types between them).
 */
export function sourcePositionAt(
  lines: LineTable,
  columns: ColumnTable,
  line: number,
  column: number,
): { line: number; column: number } | undefined {
  const row = lines[line - 1];
  const columnRow = columns[line - 1];
  if (!row || !columnRow || row.length === 0) return undefined;
  let found = -1;
  for (let i = 0; i < row.length; i += 2) {
    if (row[i]! <= column) found = i;
    else break;
  }
  if (found < 0) found = 0;
  const sourceColumn = columnRow[found / 2]! + Math.max(0, column - row[found]!);
  return { line: row[found + 1]!, column: sourceColumn + 1 };
}
