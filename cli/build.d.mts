/** Types of cli/build.mjs (plain JavaScript: it runs before anything is built). */
export interface BuildManifest {
  builtAt: number;
  /** What identifies the compiler: the compile cache's key. */
  compiler: string;
  entries: string[];
  /** Each output module: its source modules, the modules and packages it imports. */
  chunks: Record<string, { modules: string[]; imports: string[]; dynamicImports: string[] }>;
  /** Each source built, relative to the repository, and its modification time. */
  inputs: Record<string, number>;
}
export const ROOT: string;
export const DIST: string;
export const MANIFEST: string;
export function build(options?: { quiet?: boolean }): Promise<BuildManifest>;
export function staleInput(manifest: BuildManifest): string | undefined;
