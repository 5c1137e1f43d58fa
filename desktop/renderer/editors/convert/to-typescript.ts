/**
 * Blocks → TypeScript: the program a pupil would write for these blocks, with readable names,
 * `await` exactly where the API (or a function that uses it) takes time, variables declared
 * where they are first set, and each block's comment above its statement. Runs on Blockly's
 * serialization JSON, with no Blockly and no DOM. Each line of the result knows the block it
 * came from, so a compile or runtime error on a line can be shown on its block.
 */
import { apiBlock, choiceBlock, partBlock, restInput } from "./catalog.ts";
import { plugged, stack, type BlockState, type WorkspaceState } from "./blocks-json.ts";
import { NameTable, identifierFor, identifiersIn } from "./names.ts";
import { callee } from "./api.ts";

export interface GeneratedTypeScript {
  code: string;
  /** For each line (index 0 is line 1), the id of the block it came from. */
  lineBlocks: (string | null)[];
}

// Operator precedence, as in JavaScript (higher binds tighter).
const P = {
  atom: 20,
  member: 19,
  postfix: 16,
  unary: 15,
  exp: 14,
  mul: 13,
  add: 12,
  rel: 10,
  eq: 9,
  and: 5,
  or: 4,
  cond: 3,
  /** `await x` is unary in JavaScript; we put it in parentheses inside any operator. */
  await: 2.5,
  /** Code the pupil typed: safe as an argument, in parentheses inside any operator. */
  code: 1,
  /** Code with a top-level comma: always in parentheses. */
  sequence: -1,
} as const;

interface Expr {
  code: string;
  prec: number;
}

const ARITHMETIC: Record<string, [string, number]> = {
  ADD: ["+", P.add],
  MINUS: ["-", P.add],
  MULTIPLY: ["*", P.mul],
  DIVIDE: ["/", P.mul],
  POWER: ["**", P.exp],
};
const COMPARE: Record<string, [string, number]> = {
  EQ: ["===", P.eq],
  NEQ: ["!==", P.eq],
  LT: ["<", P.rel],
  LTE: ["<=", P.rel],
  GT: [">", P.rel],
  GTE: [">=", P.rel],
};
const MATH_SINGLE: Record<string, string> = {
  ROOT: "Math.sqrt",
  ABS: "Math.abs",
  LN: "Math.log",
  LOG10: "Math.log10",
  EXP: "Math.exp",
};
const MATH_ROUND: Record<string, string> = {
  ROUND: "Math.round",
  ROUNDUP: "Math.ceil",
  ROUNDDOWN: "Math.floor",
};
export { ARITHMETIC, COMPARE, MATH_SINGLE, MATH_ROUND };

/** Blocks whose statement input holds a loop body (where `break` is allowed). */
const LOOPS = new Set([
  "controls_repeat_ext",
  "controls_whileUntil",
  "controls_for",
  "controls_forEach",
  "robotyc_count",
]);
const PROCEDURE_DEFS = new Set(["procedures_defnoreturn", "procedures_defreturn"]);

/** Statement inputs of a block, in order (controls_if: DO0, DO1..., ELSE). */
function statementInputs(block: BlockState): string[] {
  switch (block.type) {
    case "controls_if": {
      const { elseIfCount = 0, hasElse = false } = (block.extraState ?? {}) as {
        elseIfCount?: number;
        hasElse?: boolean;
      };
      const names = Array.from({ length: elseIfCount + 1 }, (_, i) => `DO${i}`);
      return hasElse ? [...names, "ELSE"] : names;
    }
    case "procedures_defnoreturn":
    case "procedures_defreturn":
      return ["STACK"];
    default:
      return LOOPS.has(block.type) || block.type === "robotyc_code_wrap" ? ["DO"] : [];
  }
}

/** Value inputs of a block (everything that is not a statement input), in key order. */
function valueInputs(block: BlockState): string[] {
  const statements = new Set(statementInputs(block));
  return Object.keys(block.inputs ?? {}).filter((k) => !statements.has(k));
}

const isCode = (type: string) =>
  type === "robotyc_code" || type === "robotyc_code_value" || type === "robotyc_code_wrap";
const codeText = (block: BlockState) =>
  String(block.fields?.[block.type === "robotyc_code_wrap" ? "HEAD" : "CODE"] ?? "");

/** A number as TypeScript writes it. */
function numberLiteral(value: unknown): Expr {
  const n = typeof value === "number" ? value : Number(value);
  if (Number.isNaN(n)) return { code: "NaN", prec: P.atom };
  if (n < 0 || Object.is(n, -0)) return { code: `-${String(-n)}`, prec: P.unary };
  return { code: String(n), prec: P.atom };
}

/**
 * The precedence of code a pupil typed, read from its lowest operator outside brackets and
 * strings, so it gets parentheses exactly where an operator around it needs them.
 */
export function codePrecedence(code: string): number {
  const text = code.trim();
  if (!text) return P.atom;
  let lowest: number = P.atom;
  let depth = 0;
  let operand = false; // the previous token ends an operand (so `-` is binary)
  const lower = (prec: number) => {
    if (depth === 0) lowest = Math.min(lowest, prec);
  };
  for (let i = 0; i < text.length;) {
    const rest = text.slice(i);
    const c = text[i]!;
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    const quoted = /^("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)/.exec(rest);
    if (quoted) {
      i += quoted[0].length;
      operand = true;
      continue;
    }
    const word = /^[\p{ID_Start}$_][\p{ID_Continue}$]*/u.exec(rest);
    if (word) {
      const w = word[0];
      if (w === "in" || w === "instanceof") lower(P.rel);
      else if (!operand && (w === "typeof" || w === "void" || w === "delete" || w === "new")) {
        lower(P.unary);
        i += w.length;
        continue;
      } else if (!operand && (w === "await" || w === "yield")) lower(P.await);
      operand = !["in", "instanceof", "await", "yield"].includes(w);
      i += w.length;
      continue;
    }
    const num = /^\d[\w.]*/.exec(rest);
    if (num) {
      i += num[0].length;
      operand = true;
      continue;
    }
    if ("([{".includes(c)) {
      depth++;
      operand = false;
      i++;
      continue;
    }
    if (")]}".includes(c)) {
      depth--;
      operand = true;
      i++;
      continue;
    }
    const op =
      /^(=>|\?\?=?|\?\.|\*\*=?|===?|!==?|<<=?|>>>?=?|[<>]=?|&&=?|\|\|=?|[-+*/%&|^]=?|\+\+|--|[=!~?:,.])/.exec(
        rest,
      );
    const o = op ? op[0] : c;
    i += o.length;
    if (o === "." || o === "?.") {
      operand = false;
      continue;
    }
    if (o === "++" || o === "--") {
      if (!operand) lower(P.unary);
      continue;
    }
    if (!operand && (o === "-" || o === "+" || o === "!" || o === "~")) {
      lower(P.unary);
      continue;
    }
    operand = false;
    if (o === ",") lower(P.sequence);
    else if (
      o === "=>" ||
      (o.endsWith("=") && !["==", "===", "!=", "!==", "<=", ">="].includes(o))
    ) {
      lower(P.code);
    } else if (o === "?" || o === ":") lower(P.cond);
    else if (o === "??" || o === "||") lower(P.or);
    else if (o === "&&") lower(P.and);
    else if (o === "|" || o === "^" || o === "&") lower(6);
    else if (["==", "===", "!=", "!=="].includes(o)) lower(P.eq);
    else if (["<", ">", "<=", ">="].includes(o)) lower(P.rel);
    else if (["<<", ">>", ">>>"].includes(o)) lower(11);
    else if (o === "+" || o === "-") lower(P.add);
    else if (o === "*" || o === "/" || o === "%") lower(P.mul);
    else if (o === "**") lower(P.exp);
    else lower(P.code);
  }
  return lowest;
}

interface VariableInfo {
  id: string;
  name: string;
}

interface Ref {
  varName: string;
  /** `code`: named in a « code » block, which may read or change it. */
  kind: "get" | "set" | "change" | "loop" | "code";
  /** The enclosing statements, outermost first: [list id, index in list]. */
  chain: [string, number][];
  block: BlockState;
  /** For a loop's own variable: the id of its body list. */
  bodyList?: string;
}

interface Declaration {
  keyword: "let" | "const";
}

interface ScopeInfo {
  name: string; // "" for the main program
  params: Set<string>;
  refs: Ref[];
  codeDeclared: Set<string>;
  codeMentions: Set<string>;
}

export function blocksToTypeScript(state: WorkspaceState): GeneratedTypeScript {
  return new Generator(state).run();
}

class Generator {
  private readonly variables = new Map<string, VariableInfo>();
  private readonly procedures = new Map<string, { ts: string; block: BlockState }>();
  private readonly asyncProcedures = new Set<string>();
  private readonly lines: { text: string; block: string | null }[] = [];
  /** Where each variable is declared: keyed by the declaring block. */
  private readonly declarations = new Map<BlockState, Declaration>();
  private readonly hoisted: string[] = [];
  private readonly main: BlockState[] = [];
  private readonly defs: BlockState[] = [];
  private readonly loose: BlockState[] = [];
  private currentProcedure: string | null = null;
  private readonly repeatNames: string[] = [];
  private listCounter = 0;
  private indent = "";

  constructor(private readonly state: WorkspaceState) {}

  run(): GeneratedTypeScript {
    const top = [...(this.state.blocks?.blocks ?? [])]
      .map((block, index) => ({ block, index }))
      .sort(
        (a, b) =>
          (a.block.y ?? 0) - (b.block.y ?? 0) ||
          (a.block.x ?? 0) - (b.block.x ?? 0) ||
          a.index - b.index,
      )
      .map((t) => t.block);
    this.nameEverything(top);
    for (const block of top) {
      if (PROCEDURE_DEFS.has(block.type)) this.defs.push(block);
      else if (isValueBlock(block)) this.loose.push(block);
      else this.main.push(...stack(block));
    }
    this.findAsync();
    this.placeDeclarations();
    this.emitProgram();
    const code = this.lines.map((l) => l.text).join("\n");
    return {
      code: code ? `${code}\n` : "",
      lineBlocks: this.lines.map((l) => l.block),
    };
  }

  // ---- names ---------------------------------------------------------------------------

  private nameEverything(top: BlockState[]) {
    const table = new NameTable();
    const procs = top.filter((b) => PROCEDURE_DEFS.has(b.type));
    for (const def of procs) {
      const name = String(def.fields?.NAME ?? "");
      if (!this.procedures.has(name)) {
        this.procedures.set(name, { ts: table.claim(name), block: def });
      }
    }
    for (const v of this.state.variables ?? []) {
      this.variables.set(v.id, { id: v.id, name: table.claim(v.name) });
    }
  }

  private varName(id: string): string {
    return this.variables.get(id)?.name ?? identifierOfUnknown(id);
  }

  private paramsOf(block: BlockState): string[] {
    if (!PROCEDURE_DEFS.has(block.type)) return [];
    const params = ((block.extraState as { params?: { name: string; id?: string }[] })?.params ??
      []) as { name: string; id?: string }[];
    return params.map((p) =>
      p.id && this.variables.has(p.id) ? this.varName(p.id) : identifierFor(p.name),
    );
  }

  private procedureOf(name: unknown) {
    return this.procedures.get(String(name ?? ""));
  }

  private callName(block: BlockState): string {
    const name = (block.extraState as { name?: string } | undefined)?.name;
    return this.procedureOf(name)?.ts ?? String(name ?? "fonction");
  }

  // ---- async -----------------------------------------------------------------------------

  /** A function is async when it awaits: a timed API call, or a call of an async function. */
  private findAsync() {
    let changed = true;
    while (changed) {
      changed = false;
      for (const def of this.defs) {
        const name = String(def.fields?.NAME ?? "");
        if (this.asyncProcedures.has(name)) continue;
        if (this.awaits(def)) {
          this.asyncProcedures.add(name);
          changed = true;
        }
      }
    }
  }

  private awaits(block: BlockState | undefined): boolean {
    if (!block) return false;
    const api = apiBlock(block.type);
    if (api?.call.timed) return true;
    if (block.type === "procedures_callnoreturn" || block.type === "procedures_callreturn") {
      if (this.asyncProcedures.has(String((block.extraState as { name?: string })?.name))) {
        return true;
      }
    }
    if (isCode(block.type) && /\bawait\b/.test(codeText(block))) return true;
    return (
      Object.values(block.inputs ?? {}).some((c) => this.awaits(plugged(c))) ||
      this.awaits(plugged(block.next))
    );
  }

  private isAsyncCall(block: BlockState) {
    return this.asyncProcedures.has(String((block.extraState as { name?: string })?.name));
  }

  // ---- declarations ----------------------------------------------------------------------

  /** Collects the variable references of one scope (the main program or a function). */
  private collectScope(name: string, body: BlockState[], def?: BlockState): ScopeInfo {
    const scope: ScopeInfo = {
      name,
      params: new Set(def ? this.paramsOf(def) : []),
      refs: [],
      codeDeclared: new Set(),
      codeMentions: new Set(),
    };
    const listId = () => `L${this.listCounter++}`;
    const visitValue = (block: BlockState | undefined, chain: [string, number][]) => {
      if (!block) return;
      this.refsOfBlock(block, chain, scope);
      for (const key of valueInputs(block)) visitValue(plugged(block.inputs![key]), chain);
    };
    const visitList = (blocks: BlockState[], chain: [string, number][], id = listId()) => {
      blocks.forEach((block, index) => {
        const here: [string, number][] = [...chain, [id, index]];
        const bodies = statementInputs(block).map((input) => ({ input, id: listId() }));
        this.refsOfBlock(block, here, scope, bodies.find((b) => b.input === "DO")?.id);
        for (const key of valueInputs(block)) visitValue(plugged(block.inputs![key]), here);
        for (const body of bodies) {
          visitList(stack(plugged(block.inputs?.[body.input])), here, body.id);
        }
      });
      return id;
    };
    const id = visitList(body, []);
    if (def?.type === "procedures_defreturn") {
      visitValue(plugged(def.inputs?.RETURN), [[id, body.length]]);
    }
    return scope;
  }

  private refsOfBlock(
    block: BlockState,
    chain: [string, number][],
    scope: ScopeInfo,
    bodyList?: string,
  ) {
    const field = block.fields?.VAR;
    if (field && typeof field === "object") {
      const varName = this.varName(field.id);
      const kind =
        block.type === "variables_get"
          ? "get"
          : block.type === "variables_set"
            ? "set"
            : block.type === "math_change"
              ? "change"
              : "loop";
      scope.refs.push({ varName, kind, chain, block, ...(kind === "loop" ? { bodyList } : {}) });
    }
    if (isCode(block.type)) {
      const { mentioned, declared, written } = identifiersIn(codeText(block));
      for (const name of declared) scope.codeDeclared.add(name);
      for (const name of mentioned) {
        scope.codeMentions.add(name);
        scope.refs.push({ varName: name, kind: written.has(name) ? "code" : "get", chain, block });
      }
    }
  }

  /**
   * Where a variable can be declared in one scope: at its first reference, when that sets it
   * and every other reference follows it in the same list of statements (or, for a loop's
   * variable, lies inside the loop). Then `let`/`const` there behaves as the block means.
   */
  private siteIn(
    scope: ScopeInfo,
    refs: Ref[],
  ): { block: BlockState; keyword: "let" | "const" } | null {
    const [first, ...others] = refs;
    if (!first) return null;
    const writes = others.some((r) => r.kind !== "get");
    if (first.kind === "set") {
      const [list, index] = first.chain[first.chain.length - 1]!;
      const depth = first.chain.length - 1;
      const after = others.every((r) => {
        const step = r.chain[depth];
        return (
          step !== undefined &&
          step[0] === list &&
          step[1] > index &&
          sameUntil(r.chain, first.chain, depth)
        );
      });
      return after ? { block: first.block, keyword: writes ? "let" : "const" } : null;
    }
    if (first.kind === "loop" && first.bodyList) {
      const inside = others.every((r) => r.chain.some(([list]) => list === first.bodyList));
      if (!inside) return null;
      const keyword = first.block.type === "controls_forEach" && !writes ? "const" : "let";
      return { block: first.block, keyword };
    }
    return null;
  }

  private placeDeclarations() {
    const scopes = [
      this.collectScope("", this.main),
      ...this.defs.map((def) =>
        this.collectScope(String(def.fields?.NAME ?? ""), stack(plugged(def.inputs?.STACK)), def),
      ),
    ];
    const mainScope = scopes[0]!;
    const prefix = new Set(this.declarationPrefixCandidates());
    const names = new Set<string>();
    for (const v of this.variables.values()) names.add(v.name);
    for (const name of names) {
      const perScope = scopes
        .filter((s) => !s.params.has(name))
        .map((s) => ({ scope: s, refs: s.refs.filter((r) => r.varName === name) }))
        .filter((s) => s.refs.length > 0);
      if (perScope.length === 0) continue;
      const sites = perScope.map((s) =>
        s.scope.codeDeclared.has(name) ? "code" : this.siteIn(s.scope, s.refs),
      );
      const mainIndex = perScope.findIndex((s) => s.scope === mainScope);
      const mainSite = mainIndex >= 0 ? sites[mainIndex] : null;
      if (sites.every((site) => site !== null) && mainSite !== "code") {
        for (const site of sites) {
          if (site && site !== "code") this.declarations.set(site.block, { keyword: site.keyword });
        }
        continue;
      }
      // A variable shared by the main program and functions: one declaration for all.
      if (mainScope.codeDeclared.has(name)) continue;
      if (mainSite && mainSite !== "code" && prefix.has(mainSite.block)) {
        const writesElsewhere = perScope.some(
          (s, i) => i !== mainIndex && s.refs.some((r) => r.kind !== "get"),
        );
        this.declarations.set(mainSite.block, {
          keyword: writesElsewhere ? "let" : mainSite.keyword,
        });
      } else {
        this.hoisted.push(name);
      }
    }
  }

  /**
   * The first statements of the main program that only set variables from plain values: they
   * are written before the functions, as a pupil lays out a program (constants first).
   */
  private declarationPrefixCandidates(): BlockState[] {
    const out: BlockState[] = [];
    const procNames = new Set([...this.procedures.values()].map((p) => p.ts));
    for (const block of this.main) {
      if (block.type === "variables_set" && isPlain(plugged(block.inputs?.VALUE))) out.push(block);
      else if (
        block.type === "robotyc_code" &&
        /^(let|const)\s/.test(codeText(block)) &&
        ![...identifiersIn(codeText(block)).mentioned].some((n) => procNames.has(n))
      ) {
        out.push(block);
      } else break;
    }
    return out;
  }

  // ---- emission --------------------------------------------------------------------------

  private emit(text: string, block: BlockState | null, indent: string) {
    this.lines.push({ text: text ? indent + text : "", block: block?.id ?? null });
  }

  /** Multi-line text at the current indentation (inside a template literal: as it is). */
  private indented(text: string): string[] {
    const lines = text.replace(/\s+$/, "").split("\n");
    if (text.includes("`")) return lines.map((l, i) => (i === 0 ? l : NO_INDENT + l));
    return lines;
  }

  private blank() {
    if (this.lines.length && this.lines[this.lines.length - 1]!.text !== "") {
      this.lines.push({ text: "", block: null });
    }
  }

  private emitProgram() {
    for (const name of this.hoisted) this.emit(`let ${name};`, null, "");
    const prefix: BlockState[] = [];
    for (const block of this.declarationPrefixCandidates()) {
      if (block.type === "variables_set" && !this.declarations.has(block)) break;
      prefix.push(block);
    }
    for (const block of prefix) this.statement(block, "");
    for (const def of this.defs) {
      this.blank();
      this.procedure(def);
    }
    this.blank();
    // Loose value blocks are written as statements where they lie, after the program.
    const rest = [...this.main.slice(prefix.length), ...this.loose];
    rest.forEach((block, i) => {
      if (i > 0 && block.icons?.comment?.text) this.blank();
      this.statement(block, "");
    });
    while (this.lines.length && this.lines[this.lines.length - 1]!.text === "") this.lines.pop();
  }

  /** The comments of a statement and of the value blocks inside it, above it. */
  private comments(block: BlockState, indent: string, doc: boolean) {
    const texts: string[] = [];
    const own = block.icons?.comment?.text;
    if (own?.trim()) texts.push(own);
    const visit = (b: BlockState | undefined) => {
      if (!b) return;
      const text = b.icons?.comment?.text;
      if (text?.trim()) texts.push(text);
      for (const key of valueInputs(b)) visit(plugged(b.inputs![key]));
    };
    // A function's result has its comment above its `return`, not in the function's doc.
    if (!PROCEDURE_DEFS.has(block.type)) {
      for (const key of valueInputs(block)) visit(plugged(block.inputs![key]));
    }
    if (!texts.length) return;
    const lines = texts.join("\n").replace(/\s+$/, "").split("\n");
    if (doc && !lines.some((l) => l.includes("*/"))) {
      if (lines.length === 1) this.emit(`/** ${lines[0]} */`, block, indent);
      else {
        this.emit("/**", block, indent);
        for (const line of lines) this.emit(line ? ` * ${line}` : " *", block, indent);
        this.emit(" */", block, indent);
      }
    } else {
      for (const line of lines) this.emit(line ? `// ${line}` : "//", block, indent);
    }
  }

  private procedure(def: BlockState) {
    const name = String(def.fields?.NAME ?? "");
    const ts = this.procedureOf(name)?.ts ?? name;
    this.currentProcedure = name;
    this.comments(def, "", true);
    const params = this.paramsOf(def).join(", ");
    const asyncWord = this.asyncProcedures.has(name) ? "async " : "";
    this.emit(`${asyncWord}function ${ts}(${params}) {`, def, "");
    this.body(stack(plugged(def.inputs?.STACK)), "  ");
    const result = plugged(def.inputs?.RETURN);
    if (def.type === "procedures_defreturn" && result) {
      this.indent = "  ";
      this.comments({ type: "", inputs: { RETURN: { block: result } } }, "  ", false);
      this.emit(`return ${this.value(result, 0)};`, result, "  ");
    }
    this.emit("}", def, "");
    this.currentProcedure = null;
  }

  private body(blocks: BlockState[], indent: string) {
    const outer = this.indent;
    for (const block of blocks) this.statement(block, indent);
    this.indent = outer;
  }

  private input(block: BlockState, name: string): BlockState | undefined {
    return plugged(block.inputs?.[name]);
  }

  /** The code of a value input, in parentheses when its precedence is below `min`. */
  private arg(block: BlockState, name: string, min: number, empty = "0"): string {
    const child = this.input(block, name);
    return child ? this.value(child, min) : empty;
  }

  private condition(block: BlockState, name: string): string {
    return this.arg(block, name, 0, "false");
  }

  private statement(block: BlockState, indent: string) {
    this.indent = indent;
    this.comments(block, indent, false);
    const line = (text: string) =>
      text.startsWith(NO_INDENT)
        ? this.emit(text.slice(NO_INDENT.length), block, "")
        : this.emit(text, block, indent);
    const inner = indent + "  ";
    const declared = this.declarations.get(block);
    const api = apiBlock(block.type);
    if (api) {
      const call = `${callee(api.call)}(${this.apiArgs(block, api.inputs, api.call.params)})`;
      line(`${api.call.timed ? "await " : ""}${call};`);
      return;
    }
    switch (block.type) {
      case "variables_set": {
        const name = this.varName((block.fields!.VAR as { id: string }).id);
        const value = this.arg(block, "VALUE", 0, "undefined");
        line(`${declared ? `${declared.keyword} ` : ""}${name} = ${value};`);
        return;
      }
      case "math_change": {
        const name = this.varName((block.fields!.VAR as { id: string }).id);
        const delta = this.input(block, "DELTA");
        if (!delta) return line(`${name} += 0;`);
        if (delta.type === "math_number") {
          const n = Number(delta.fields?.NUM);
          if (n === 1) return line(`${name}++;`);
          if (n === -1) return line(`${name}--;`);
          if (n < 0) return line(`${name} -= ${String(-n)};`);
        }
        if (delta.type === "math_single" && delta.fields?.OP === "NEG") {
          return line(`${name} -= ${this.arg(delta, "NUM", 0)};`);
        }
        return line(`${name} += ${this.value(delta, 0)};`);
      }
      case "controls_if": {
        const statements = statementInputs(block);
        statements.forEach((input, i) => {
          const opening =
            input === "ELSE"
              ? "} else {"
              : `${i === 0 ? "" : "} else "}if (${this.condition(block, `IF${i}`)}) {`;
          line(opening);
          this.body(stack(this.input(block, input)), inner);
        });
        line("}");
        return;
      }
      case "controls_whileUntil": {
        const until = block.fields?.MODE === "UNTIL";
        const test = until
          ? `!${this.arg(block, "BOOL", P.unary, "false")}`
          : this.condition(block, "BOOL");
        line(`while (${test}) {`);
        this.loopBody(block, inner);
        line("}");
        return;
      }
      case "controls_repeat_ext": {
        const name = this.repeatName(block);
        line(
          `for (let ${name} = 0; ${name} < ${this.arg(block, "TIMES", P.rel + 1)}; ${name}++) {`,
        );
        this.repeatNames.push(name);
        this.loopBody(block, inner);
        this.repeatNames.pop();
        line("}");
        return;
      }
      case "robotyc_count": {
        const name = this.varName((block.fields!.VAR as { id: string }).id);
        const from = this.arg(block, "FROM", 0);
        const to = this.arg(block, "TO", P.rel + 1);
        line(`for (${declared ? "let " : ""}${name} = ${from}; ${name} < ${to}; ${name}++) {`);
        this.loopBody(block, inner);
        line("}");
        return;
      }
      case "controls_for": {
        const name = this.varName((block.fields!.VAR as { id: string }).id);
        const from = this.arg(block, "FROM", 0);
        const by = this.input(block, "BY");
        const step = by?.type === "math_number" ? Number(by.fields?.NUM) : undefined;
        const down = step !== undefined && step < 0;
        const to = this.arg(block, "TO", P.rel + 1);
        const update =
          step === 1
            ? `${name}++`
            : step === -1
              ? `${name}--`
              : down
                ? `${name} -= ${String(-step!)}`
                : `${name} += ${by ? this.value(by, 0) : "1"}`;
        const test = `${name} ${down ? ">=" : "<="} ${to}`;
        line(`for (${declared ? "let " : ""}${name} = ${from}; ${test}; ${update}) {`);
        this.loopBody(block, inner);
        line("}");
        return;
      }
      case "controls_forEach": {
        const name = this.varName((block.fields!.VAR as { id: string }).id);
        const list = this.arg(block, "LIST", 0, "[]");
        line(`for (${declared ? `${declared.keyword} ` : ""}${name} of ${list}) {`);
        this.loopBody(block, inner);
        line("}");
        return;
      }
      case "controls_flow_statements":
        line(block.fields?.FLOW === "CONTINUE" ? "continue;" : "break;");
        return;
      case "procedures_callnoreturn": {
        const call = `${this.callName(block)}(${this.callArgs(block)})`;
        line(`${this.isAsyncCall(block) ? "await " : ""}${call};`);
        return;
      }
      case "procedures_ifreturn": {
        const hasValue = /value="1"/.test(String(block.extraState ?? ""));
        const value = hasValue ? ` ${this.arg(block, "VALUE", 0, "undefined")}` : "";
        line(`if (${this.condition(block, "CONDITION")}) return${value};`);
        return;
      }
      case "robotyc_return": {
        const value = this.input(block, "VALUE");
        line(value ? `return ${this.value(value, 0)};` : "return;");
        return;
      }
      case "robotyc_code":
        for (const text of this.indented(codeText(block))) line(text);
        return;
      case "robotyc_code_wrap": {
        const head = this.indented(codeText(block));
        head.forEach((text, i) => line(i === head.length - 1 ? `${text} {` : text));
        this.body(stack(this.input(block, "DO")), inner);
        line("}");
        return;
      }
      default:
        if (isValueBlock(block)) {
          line(`${expressionStatement(this.value(block, 0))};`);
        } else {
          line(`// ? ${block.type}`);
        }
    }
  }

  private loopBody(block: BlockState, indent: string) {
    this.body(stack(this.input(block, "DO")), indent);
  }

  /** A counter for « répéter N fois » that the loop does not otherwise use. */
  private repeatName(loop: BlockState): string {
    const inside = new Set<string>();
    const visit = (block: BlockState | undefined) => {
      if (!block) return;
      const field = block.fields?.VAR;
      if (field && typeof field === "object") inside.add(this.varName(field.id));
      if (isCode(block.type))
        for (const n of identifiersIn(codeText(block)).mentioned) inside.add(n);
      for (const c of Object.values(block.inputs ?? {})) visit(plugged(c));
      visit(plugged(block.next));
    };
    for (const c of Object.values(loop.inputs ?? {})) visit(plugged(c));
    const procedures = [...this.procedures.values()].map((p) => p.ts);
    const taken = (n: string) =>
      inside.has(n) || procedures.includes(n) || this.repeatNames.includes(n);
    for (const n of ["i", "j", "k", "n"]) if (!taken(n)) return n;
    for (let i = 2; ; i++) if (!taken(`i${i}`)) return `i${i}`;
  }

  private apiArgs(
    block: BlockState,
    inputs: readonly string[],
    params: readonly { name: string; rest: boolean; type: { kind: string } }[],
  ): string {
    const args: string[] = [];
    params.forEach((param, i) => {
      if (param.rest) {
        const count = Number((block.extraState as { itemCount?: number })?.itemCount ?? 0);
        for (let k = 0; k < count; k++) {
          const child = this.input(block, restInput(param.name, k));
          if (child) args.push(this.value(child, 0));
        }
      } else {
        const empty = param.type.kind === "number" ? "0" : "undefined";
        args.push(this.arg(block, inputs[i]!, 0, empty));
      }
    });
    return args.join(", ");
  }

  private callArgs(block: BlockState): string {
    const params = ((block.extraState as { params?: string[] })?.params ?? []) as string[];
    return params.map((_, i) => this.arg(block, `ARG${i}`, 0, "undefined")).join(", ");
  }

  /** The code of a value block, in parentheses when its precedence is below `min`. */
  private value(block: BlockState, min: number): string {
    const e = this.expr(block);
    return e.prec < min ? `(${e.code})` : e.code;
  }

  private binary(block: BlockState, op: string, prec: number, a: string, b: string, right = false) {
    // Left-associative: the right operand binds tighter; `**` is the other way round, and its
    // left operand cannot be a unary expression.
    const left = this.arg(block, a, right ? P.postfix : prec);
    const rightCode = this.arg(block, b, right ? prec : prec + 1);
    return { code: `${left} ${op} ${rightCode}`, prec };
  }

  private expr(block: BlockState): Expr {
    const api = apiBlock(block.type);
    if (api) {
      const call = `${callee(api.call)}(${this.apiArgs(block, api.inputs, api.call.params)})`;
      return api.call.timed
        ? { code: `await ${call}`, prec: P.await }
        : { code: call, prec: P.member };
    }
    const part = partBlock(block.type);
    if (part) {
      const obj = this.arg(block, "OBJ", P.member, "undefined");
      return {
        code: `${obj}.${String(block.fields?.FIELD ?? part.fields[0]!.name)}`,
        prec: P.member,
      };
    }
    const choice = choiceBlock(block.type);
    if (choice) {
      return {
        code: JSON.stringify(String(block.fields?.VALUE ?? choice.values[0])),
        prec: P.atom,
      };
    }
    switch (block.type) {
      case "math_number":
        return numberLiteral(block.fields?.NUM ?? 0);
      case "text":
        return { code: JSON.stringify(String(block.fields?.TEXT ?? "")), prec: P.atom };
      case "logic_boolean":
        return { code: block.fields?.BOOL === "FALSE" ? "false" : "true", prec: P.atom };
      case "logic_null":
        return { code: "null", prec: P.atom };
      case "variables_get":
        return { code: this.varName((block.fields!.VAR as { id: string }).id), prec: P.atom };
      case "math_arithmetic": {
        const [op, prec] = ARITHMETIC[String(block.fields?.OP)] ?? ARITHMETIC.ADD!;
        return this.binary(block, op, prec, "A", "B", op === "**");
      }
      case "math_modulo":
        return this.binary(block, "%", P.mul, "DIVIDEND", "DIVISOR");
      case "math_single": {
        const op = String(block.fields?.OP);
        if (op === "NEG") {
          const operand = this.arg(block, "NUM", P.unary);
          return { code: operand.startsWith("-") ? `-(${operand})` : `-${operand}`, prec: P.unary };
        }
        if (op === "POW10") return { code: `10 ** ${this.arg(block, "NUM", P.exp)}`, prec: P.exp };
        return {
          code: `${MATH_SINGLE[op] ?? "Math.sqrt"}(${this.arg(block, "NUM", 0)})`,
          prec: P.member,
        };
      }
      case "math_round": {
        const fn = MATH_ROUND[String(block.fields?.OP)] ?? "Math.round";
        return { code: `${fn}(${this.arg(block, "NUM", 0)})`, prec: P.member };
      }
      case "math_random_float":
        return { code: "Math.random()", prec: P.member };
      case "logic_compare": {
        const [op, prec] = COMPARE[String(block.fields?.OP)] ?? COMPARE.EQ!;
        return this.binary(block, op, prec, "A", "B");
      }
      case "logic_operation": {
        const or = block.fields?.OP === "OR";
        const prec = or ? P.or : P.and;
        return {
          code: `${this.arg(block, "A", prec, "false")} ${or ? "||" : "&&"} ${this.arg(block, "B", prec + 1, "false")}`,
          prec,
        };
      }
      case "logic_negate":
        return { code: `!${this.arg(block, "BOOL", P.unary, "false")}`, prec: P.unary };
      case "logic_ternary":
        return {
          code: `${this.arg(block, "IF", P.cond + 1, "false")} ? ${this.arg(block, "THEN", P.cond, "undefined")} : ${this.arg(block, "ELSE", P.cond, "undefined")}`,
          prec: P.cond,
        };
      case "text_join":
        return this.textJoin(block);
      case "lists_create_with": {
        const count = Number((block.extraState as { itemCount?: number })?.itemCount ?? 0);
        const items: string[] = [];
        for (let i = 0; i < count; i++) {
          const child = this.input(block, `ADD${i}`);
          if (child) items.push(this.value(child, 0));
        }
        return { code: `[${items.join(", ")}]`, prec: P.atom };
      }
      case "procedures_callreturn": {
        const call = `${this.callName(block)}(${this.callArgs(block)})`;
        return this.isAsyncCall(block)
          ? { code: `await ${call}`, prec: P.await }
          : { code: call, prec: P.member };
      }
      case "robotyc_code_value": {
        const text = this.indented(codeText(block))
          .map((l, i) =>
            i === 0 ? l : l.startsWith(NO_INDENT) ? l.slice(NO_INDENT.length) : this.indent + l,
          )
          .join("\n");
        return { code: text || "undefined", prec: codePrecedence(text) };
      }
      default:
        return { code: "undefined", prec: P.atom };
    }
  }

  /** `text_join` as a template literal, or one string when every piece is text. */
  private textJoin(block: BlockState): Expr {
    const count = Number((block.extraState as { itemCount?: number })?.itemCount ?? 0);
    const pieces: ({ text: string } | { code: string })[] = [];
    for (let i = 0; i < count; i++) {
      const child = this.input(block, `ADD${i}`);
      if (!child) continue;
      if (child.type === "text") pieces.push({ text: String(child.fields?.TEXT ?? "") });
      else pieces.push({ code: this.value(child, 0) });
    }
    if (pieces.every((p) => "text" in p)) {
      return {
        code: JSON.stringify(pieces.map((p) => (p as { text: string }).text).join("")),
        prec: P.atom,
      };
    }
    const body = pieces
      .map((p) => ("text" in p ? p.text.replace(/[`\\]|\$\{/g, (s) => `\\${s}`) : `\${${p.code}}`))
      .join("");
    return { code: `\`${body}\``, prec: P.atom };
  }
}

function sameUntil(a: [string, number][], b: [string, number][], depth: number): boolean {
  for (let i = 0; i < depth; i++) {
    if (a[i]![0] !== b[i]![0] || a[i]![1] !== b[i]![1]) return false;
  }
  return true;
}

/** Values that call nothing: literals, variables and operators over them. */
function isPlain(block: BlockState | undefined): boolean {
  if (!block) return true;
  if (
    apiBlock(block.type) ||
    block.type.startsWith("procedures_") ||
    block.type === "robotyc_code_value" ||
    block.type === "math_random_float"
  ) {
    return false;
  }
  return Object.values(block.inputs ?? {}).every((c) => isPlain(plugged(c)));
}

const VALUE_TYPES = new Set([
  "math_number",
  "text",
  "logic_boolean",
  "logic_null",
  "variables_get",
  "math_arithmetic",
  "math_modulo",
  "math_single",
  "math_round",
  "math_random_float",
  "logic_compare",
  "logic_operation",
  "logic_negate",
  "logic_ternary",
  "text_join",
  "lists_create_with",
  "procedures_callreturn",
  "robotyc_code_value",
]);

function isValueBlock(block: BlockState): boolean {
  const api = apiBlock(block.type);
  if (api) return api.shape === "value";
  return VALUE_TYPES.has(block.type) || !!partBlock(block.type) || !!choiceBlock(block.type);
}

/** An expression written as a statement must not start like a block or a declaration. */
function expressionStatement(code: string): string {
  return /^(\{|function\b|class\b|let\s*\[)/.test(code) ? `(${code})` : code;
}

/** Marks a line of code text that keeps its own indentation (inside a template literal). */
const NO_INDENT = "\u0000";

function identifierOfUnknown(id: string): string {
  return `variable_${id.replace(/[^\w$]/g, "_")}`;
}
