/**
 * Blockly's serialization JSON (`Blockly.serialization.workspaces.save`), the plain data both
 * conversions read and write. Only what the conversions use is typed.
 */

export interface BlockConnection {
  block?: BlockState;
  shadow?: BlockState;
}

export interface BlockState {
  type: string;
  id?: string;
  x?: number;
  y?: number;
  /** Field values; a variable field holds `{ id }`. */
  fields?: Record<string, string | number | boolean | { id: string }>;
  inputs?: Record<string, BlockConnection>;
  next?: BlockConnection;
  extraState?: unknown;
  icons?: { comment?: { text: string; pinned?: boolean; height?: number; width?: number } };
  enabled?: boolean;
  disabledReasons?: string[];
  collapsed?: boolean;
  [other: string]: unknown;
}

export interface VariableState {
  name: string;
  id: string;
  type?: string;
}

export interface WorkspaceState {
  blocks?: { languageVersion: number; blocks: BlockState[] };
  variables?: VariableState[];
  [other: string]: unknown;
}

/** The block plugged into a connection: the pupil's block, else the shadow. */
export const plugged = (c: BlockConnection | undefined): BlockState | undefined =>
  c?.block ?? c?.shadow;

/** The statements of a stack, first to last. */
export function stack(first: BlockState | undefined): BlockState[] {
  const out: BlockState[] = [];
  for (let b = first; b; b = plugged(b.next)) out.push(b);
  return out;
}
