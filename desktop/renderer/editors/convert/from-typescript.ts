/**
 * TypeScript → Blocks. Everything that has a block form becomes blocks; anything else becomes
 * an editable « code » block holding its text (a statement, a value, or the header of a loop
 * whose body is blocks), so switching views never loses work. Comments are kept: each one is
 * attached to the block of the statement it precedes (or ends the line of). The TypeScript
 * compiler is handed in (`ts`), so this module loads it only when the caller does.
 */
import type * as TS from "typescript";
import {
  apiBlock,
  API_BLOCKS,
  checkOf,
  choiceBlockOfValue,
  partBlockOfField,
  restInput,
} from "./catalog.ts";
import type { BlockConnection, BlockState, VariableState, WorkspaceState } from "./blocks-json.ts";
import { ARITHMETIC, COMPARE, MATH_ROUND, MATH_SINGLE } from "./to-typescript.ts";

export interface FromTypeScriptResult {
  state: WorkspaceState;
  /** How many « code » blocks hold TypeScript that has no block form. */
  codeBlocks: number;
  /** The first syntax error, when the text does not parse: it is kept whole in one « code » block. */
  syntaxError?: { line: number; column: number; message: string };
}

type Typescript = typeof TS;

interface Binding {
  name: string;
  /** The Blockly variable it maps to (renamed when it shadows another binding). */
  variable: string;
}

interface Scope {
  bindings: Map<string, Binding>;
  parent: Scope | null;
}

interface ProcedureInfo {
  name: string;
  returnsValue: boolean;
  async: boolean;
  params: string[];
}

interface Comment {
  pos: number;
  end: number;
  text: string;
  raw: string;
  used: boolean;
}

const OPERATOR_NAMES = (table: Record<string, [string, number]>) =>
  new Map(Object.entries(table).map(([name, [op]]) => [op, name]));

/** Output checks of Blockly's and our value blocks, for the connection checks Blockly makes. */
const OUTPUTS: Record<string, string | null> = {
  math_number: "Number",
  math_arithmetic: "Number",
  math_modulo: "Number",
  math_single: "Number",
  math_round: "Number",
  math_random_float: "Number",
  logic_compare: "Boolean",
  logic_operation: "Boolean",
  logic_negate: "Boolean",
  logic_boolean: "Boolean",
  text: "String",
  text_join: "String",
  lists_create_with: "Array",
};

function outputOf(block: BlockState): string | null {
  if (block.type in OUTPUTS) return OUTPUTS[block.type]!;
  const api = apiBlock(block.type);
  if (api) return checkOf(api.call.returns, api.call);
  const field = block.fields?.FIELD;
  if (typeof field === "string") {
    const part = partBlockOfField(field);
    const type = part?.fields.find((f) => f.name === field)?.type;
    if (type) return checkOf(type);
  }
  if (block.type.startsWith("robot_") && block.fields?.VALUE !== undefined) return "String";
  return null;
}

const fits = (output: string | null, check: string | null) =>
  output === null || check === null || output === check;

export function typeScriptToBlocks(source: string, ts: Typescript): FromTypeScriptResult {
  // A file saved on Windows: CRLF line ends and a byte-order mark change nothing a program does.
  return new Converter(source.replace(/^\uFEFF/, "").replace(/\r\n?/g, "\n"), ts).run();
}

class Converter {
  private readonly sf: TS.SourceFile;
  private readonly comments: Comment[] = [];
  private scope: Scope = { bindings: new Map(), parent: null };
  private readonly allNames = new Set<string>();
  private readonly renamed = new Map<TS.Node, string>();
  private readonly variables = new Map<string, VariableState>();
  private readonly procedures = new Map<string, ProcedureInfo>();
  private procedure: ProcedureInfo | null = null;
  private blockCount = 0;

  constructor(
    private readonly source: string,
    private readonly ts: Typescript,
  ) {
    this.sf = ts.createSourceFile(
      "program.ts",
      source,
      ts.ScriptTarget.ES2022,
      true,
      ts.ScriptKind.TS,
    );
  }

  run(): FromTypeScriptResult {
    const { ts, sf } = this;
    const diagnostics = (sf as unknown as { parseDiagnostics?: TS.DiagnosticWithLocation[] })
      .parseDiagnostics;
    if (diagnostics?.length) {
      const first = diagnostics[0]!;
      const { line, character } = sf.getLineAndCharacterOfPosition(first.start);
      const code = this.codeBlock("robotyc_code", this.source.replace(/\s+$/, ""));
      return {
        state: { blocks: { languageVersion: 0, blocks: [{ ...code, x: 20, y: 20 }] } },
        codeBlocks: 1,
        syntaxError: {
          line: line + 1,
          column: character + 1,
          message: ts.flattenDiagnosticMessageText(first.messageText, "\n"),
        },
      };
    }
    this.collectComments();
    this.collectNames(sf);
    // The script's own names: functions become procedures, let/const at top level are globals.
    for (const stmt of sf.statements) {
      if (this.isProcedure(stmt)) {
        const fn = stmt as TS.FunctionDeclaration;
        const name = fn.name!.text;
        this.procedures.set(name, {
          name,
          returnsValue: returnsValue(ts, fn),
          async: !!fn.modifiers?.some((m) => m.kind === ts.SyntaxKind.AsyncKeyword),
          params: fn.parameters.map((p) => (p.name as TS.Identifier).text),
        });
      }
    }
    this.declareIn(sf.statements, this.scope);
    const top: BlockState[] = [];
    // Walk the file in order so comments go to the right statement; functions are taken out.
    let cursor = 0;
    const mainBlocks: BlockState[] = [];
    const procBlocks: BlockState[] = [];
    let pending: Comment[] = [];
    for (const stmt of sf.statements) {
      const leading = [...pending, ...this.take(cursor, stmt.getStart(sf))];
      pending = [];
      const blocks = this.isProcedure(stmt)
        ? [this.procedureBlock(stmt as TS.FunctionDeclaration)]
        : this.statement(stmt);
      const trailing = this.trailing(stmt.end);
      const inner = this.take(stmt.getStart(sf), stmt.end);
      cursor = Math.max(stmt.end, ...trailing.map((c) => c.end));
      if (blocks.length === 0) pending = [...leading, ...inner, ...trailing];
      else this.attach(blocks[0]!, [...leading, ...inner, ...trailing]);
      (this.isProcedure(stmt) ? procBlocks : mainBlocks).push(...blocks);
    }
    const rest = [...pending, ...this.take(cursor, sf.end)];
    if (rest.length) {
      const last = mainBlocks[mainBlocks.length - 1] ?? procBlocks[procBlocks.length - 1];
      if (last) this.attach(last, rest);
      else mainBlocks.push(this.codeBlock("robotyc_code", rest.map((c) => c.raw).join("\n")));
    }
    let y = 20;
    if (mainBlocks.length) {
      top.push({ ...chain(mainBlocks), x: 20, y });
      y += estimateHeight(mainBlocks) + 60;
    }
    for (const proc of procBlocks) {
      top.push({ ...proc, x: 20, y });
      y += estimateHeight([proc]) + 60;
    }
    const state: WorkspaceState = { blocks: { languageVersion: 0, blocks: top } };
    if (this.variables.size) state.variables = [...this.variables.values()];
    return { state, codeBlocks: countCode(top) };
  }

  // ---- comments --------------------------------------------------------------------------

  private collectComments() {
    const { ts, sf } = this;
    const seen = new Set<number>();
    const add = (ranges: TS.CommentRange[] | undefined) => {
      for (const r of ranges ?? []) {
        if (seen.has(r.pos)) continue;
        seen.add(r.pos);
        const raw = this.source.slice(r.pos, r.end);
        this.comments.push({ pos: r.pos, end: r.end, text: commentText(raw), raw, used: false });
      }
    };
    const visit = (node: TS.Node) => {
      if (node.kind >= ts.SyntaxKind.FirstJSDocNode && node.kind <= ts.SyntaxKind.LastJSDocNode)
        return;
      if (node.kind < ts.SyntaxKind.FirstNode || node.getChildCount(sf) === 0) {
        add(ts.getLeadingCommentRanges(this.source, node.pos));
        add(ts.getTrailingCommentRanges(this.source, node.end));
        return;
      }
      for (const child of node.getChildren(sf)) visit(child);
    };
    visit(sf);
    this.comments.sort((a, b) => a.pos - b.pos);
  }

  /** The unused comments that start in [from, to). */
  private take(from: number, to: number): Comment[] {
    const out = this.comments.filter((c) => !c.used && c.pos >= from && c.pos < to);
    for (const c of out) c.used = true;
    return out;
  }

  /** The unused comments on the same line, after `end`. */
  private trailing(end: number): Comment[] {
    const out: Comment[] = [];
    for (const c of this.comments) {
      if (c.used || c.pos < end) continue;
      if (this.source.slice(end, c.pos).includes("\n")) break;
      c.used = true;
      out.push(c);
      end = c.end;
    }
    return out;
  }

  private attach(block: BlockState, comments: Comment[]) {
    const texts = comments.map((c) => c.text);
    if (!texts.length) return;
    const existing = block.icons?.comment?.text;
    const text = [...(existing ? [existing] : []), ...texts].join("\n");
    block.icons = { comment: { text, pinned: false, height: 80, width: 240 } };
  }

  private markUsed(node: TS.Node) {
    this.take(node.getStart(this.sf), node.end);
  }

  // ---- names and scopes ------------------------------------------------------------------

  private collectNames(node: TS.Node) {
    if (this.ts.isIdentifier(node)) this.allNames.add(node.text);
    node.forEachChild((child) => this.collectNames(child));
  }

  private isProcedure(stmt: TS.Statement): boolean {
    const { ts } = this;
    if (!ts.isFunctionDeclaration(stmt) || !stmt.name || !stmt.body) return false;
    if (stmt.asteriskToken || stmt.typeParameters) return false;
    if (stmt.modifiers?.some((m) => m.kind !== ts.SyntaxKind.AsyncKeyword)) return false;
    return stmt.parameters.every(
      (p) => ts.isIdentifier(p.name) && !p.initializer && !p.dotDotDotToken && !p.questionToken,
    );
  }

  private lookup(name: string): Binding | undefined {
    for (let s: Scope | null = this.scope; s; s = s.parent) {
      const b = s.bindings.get(name);
      if (b) return b;
    }
    return undefined;
  }

  /** Is `name` a global of the pupil API here (not hidden by a name of the program)? */
  private isGlobal(name: string): boolean {
    return !this.lookup(name) && !this.procedures.has(name);
  }

  private bind(name: string, scope: Scope, node?: TS.Node, rename = true): Binding {
    let variable = (node && this.renamed.get(node)) ?? name;
    // A name that hides another one of an enclosing scope gets its own Blockly variable (a
    // parameter need not: each function's parameters are its own in the TypeScript written back).
    for (let s = scope.parent; s && rename && variable === name; s = s.parent) {
      if (s.bindings.has(name) || (s.parent === null && this.procedures.has(name))) {
        for (let n = 2; ; n++) {
          if (!this.allNames.has(`${name}${n}`)) {
            variable = `${name}${n}`;
            break;
          }
        }
        this.allNames.add(variable);
        if (node) this.renamed.set(node, variable);
        break;
      }
    }
    const binding = { name, variable };
    scope.bindings.set(name, binding);
    return binding;
  }

  /** The block-scoped names a list of statements declares. */
  private declareIn(statements: readonly TS.Statement[], scope: Scope) {
    const { ts } = this;
    for (const stmt of statements) {
      if (ts.isVariableStatement(stmt)) {
        for (const decl of stmt.declarationList.declarations) {
          for (const id of boundNames(ts, decl.name)) this.bind(id.text, scope, id);
        }
      } else if (ts.isFunctionDeclaration(stmt) && stmt.name && scope.parent !== null) {
        this.bind(stmt.name.text, scope, stmt.name);
      } else if (ts.isClassDeclaration(stmt) && stmt.name) {
        this.bind(stmt.name.text, scope, stmt.name);
      }
    }
  }

  private withScope<T>(fill: (scope: Scope) => void, body: () => T): T {
    const outer = this.scope;
    this.scope = { bindings: new Map(), parent: outer };
    fill(this.scope);
    try {
      return body();
    } finally {
      this.scope = outer;
    }
  }

  private variableId(name: string): string {
    const id = `var_${name}`;
    if (!this.variables.has(name)) this.variables.set(name, { name, id });
    return this.variables.get(name)!.id;
  }

  private varField(binding: Binding) {
    return { id: this.variableId(binding.variable) };
  }

  // ---- blocks ----------------------------------------------------------------------------

  private block(type: string, rest: Omit<BlockState, "type" | "id"> = {}): BlockState {
    return { type, id: `b${++this.blockCount}`, ...rest };
  }

  private codeBlock(type: "robotyc_code" | "robotyc_code_value", text: string): BlockState {
    return this.block(type, { fields: { CODE: text } });
  }

  /** The text of `node` as a « code » block holds it: names renamed, lines dedented. */
  private codeOf(node: TS.Node, end = node.end): string {
    const { ts, sf } = this;
    const start = node.getStart(sf);
    const edits: { pos: number; end: number; text: string }[] = [];
    const declaredInside = new Set<string>();
    const collect = (n: TS.Node) => {
      if (
        (ts.isVariableDeclaration(n) || ts.isParameter(n) || ts.isFunctionDeclaration(n)) &&
        n.name &&
        ts.isIdentifier(n.name) &&
        !this.renamed.has(n.name)
      ) {
        declaredInside.add(n.name.text);
      }
      n.forEachChild(collect);
    };
    collect(node);
    const visit = (n: TS.Node) => {
      if (n.pos >= end) return;
      if (ts.isIdentifier(n) && isReference(ts, n)) {
        const renamedDecl = this.renamed.get(n);
        const binding = declaredInside.has(n.text) ? undefined : this.lookup(n.text);
        const to =
          renamedDecl ??
          (binding && binding.variable !== binding.name ? binding.variable : undefined);
        if (to) edits.push({ pos: n.getStart(sf), end: n.end, text: to });
      }
      n.forEachChild(visit);
    };
    visit(node);
    let text = "";
    let at = start;
    for (const e of edits.sort((a, b) => a.pos - b.pos)) {
      text += this.source.slice(at, e.pos) + e.text;
      at = e.end;
    }
    text += this.source.slice(at, end);
    this.take(start, end);
    return this.dedent(text.replace(/\s+$/, ""), node);
  }

  /** Continuation lines lose the indentation of the statement they belong to. */
  private dedent(text: string, node: TS.Node): string {
    if (text.includes("`")) return text;
    let stmt: TS.Node = node;
    while (stmt.parent && !this.isStatementLike(stmt)) stmt = stmt.parent;
    const column = this.sf.getLineAndCharacterOfPosition(stmt.getStart(this.sf)).character;
    return text
      .split("\n")
      .map((line, i) => (i === 0 ? line : line.replace(new RegExp(`^[ \\t]{0,${column}}`), "")))
      .join("\n");
  }

  private isStatementLike(node: TS.Node): boolean {
    return this.ts.isStatement(node) || this.ts.isFunctionDeclaration(node);
  }

  private codeStatement(node: TS.Node): BlockState {
    return this.codeBlock("robotyc_code", this.codeOf(node));
  }

  private codeValue(node: TS.Node): BlockState {
    return this.codeBlock("robotyc_code_value", this.codeOf(node));
  }

  // ---- statements ------------------------------------------------------------------------

  /** A list of statements (a block's body): its blocks, comments attached. */
  private list(
    statements: readonly TS.Statement[],
    from: number,
    to: number,
    owner?: BlockState,
  ): BlockState[] {
    const out: BlockState[] = [];
    let cursor = from;
    let pending: Comment[] = [];
    this.declareIn(statements, this.scope);
    for (const stmt of statements) {
      const leading = [...pending, ...this.take(cursor, stmt.getStart(this.sf))];
      pending = [];
      const blocks = this.statement(stmt);
      const trailing = this.trailing(stmt.end);
      const inner = this.take(stmt.getStart(this.sf), stmt.end);
      cursor = Math.max(stmt.end, ...trailing.map((c) => c.end));
      if (blocks.length === 0) pending = [...leading, ...inner, ...trailing];
      else this.attach(blocks[0]!, [...leading, ...inner, ...trailing]);
      out.push(...blocks);
    }
    const rest = [...pending, ...this.take(cursor, to)];
    if (rest.length) {
      const last = out[out.length - 1] ?? owner;
      if (last) this.attach(last, rest);
      else out.push(this.codeBlock("robotyc_code", rest.map((c) => c.raw).join("\n")));
    }
    return out;
  }

  /** The statements of a body (`{ ... }` or a single statement) in a new scope. */
  private bodyOf(
    stmt: TS.Statement,
    owner: BlockState,
    fill: (scope: Scope) => void = () => {},
  ): BlockConnection | undefined {
    const { ts, sf } = this;
    const blocks = this.withScope(fill, () =>
      ts.isBlock(stmt)
        ? this.list(stmt.statements, stmt.getStart(sf) + 1, stmt.end - 1, owner)
        : this.list([stmt], stmt.getFullStart(), stmt.end, owner),
    );
    return blocks.length ? { block: chain(blocks) } : undefined;
  }

  private statement(stmt: TS.Statement): BlockState[] {
    const { ts } = this;
    if (ts.isEmptyStatement(stmt)) return [];
    if (ts.isExpressionStatement(stmt)) return [this.expressionStatement(stmt)];
    if (ts.isVariableStatement(stmt)) return this.variableStatement(stmt);
    if (ts.isIfStatement(stmt)) return [this.ifStatement(stmt)];
    if (ts.isWhileStatement(stmt)) {
      const block = this.block("controls_whileUntil", { fields: { MODE: "WHILE" } });
      block.inputs = { BOOL: { block: this.value(stmt.expression, "Boolean") } };
      const body = this.bodyOf(stmt.statement, block);
      if (body) block.inputs.DO = body;
      return [block];
    }
    if (ts.isForStatement(stmt)) return [this.forStatement(stmt)];
    if (ts.isForOfStatement(stmt)) return [this.forOfStatement(stmt)];
    if (ts.isForInStatement(stmt)) return [this.codeWrap(stmt, stmt.statement)];
    if ((ts.isBreakStatement(stmt) || ts.isContinueStatement(stmt)) && !stmt.label) {
      const flow = ts.isBreakStatement(stmt) ? "BREAK" : "CONTINUE";
      return [this.block("controls_flow_statements", { fields: { FLOW: flow } })];
    }
    if (ts.isReturnStatement(stmt) && this.procedure) {
      const block = this.block("robotyc_return");
      if (stmt.expression) block.inputs = { VALUE: { block: this.value(stmt.expression, null) } };
      return [block];
    }
    return [this.codeStatement(stmt)];
  }

  private expressionStatement(stmt: TS.ExpressionStatement): BlockState {
    const { ts } = this;
    let expr = stmt.expression;
    while (ts.isParenthesizedExpression(expr)) expr = expr.expression;
    const awaited = ts.isAwaitExpression(expr);
    const inner = awaited ? unparen(ts, (expr as TS.AwaitExpression).expression) : expr;
    if (ts.isCallExpression(inner)) {
      const block = this.callStatement(inner, awaited);
      if (block) return block;
    }
    if (ts.isBinaryExpression(expr) && ts.isIdentifier(expr.left)) {
      const binding = this.lookup(expr.left.text);
      const op = expr.operatorToken.kind;
      if (binding && op === ts.SyntaxKind.EqualsToken) {
        return this.block("variables_set", {
          fields: { VAR: this.varField(binding) },
          inputs: { VALUE: this.connection(this.value(expr.right, null)) },
        });
      }
      if (
        binding &&
        (op === ts.SyntaxKind.PlusEqualsToken || op === ts.SyntaxKind.MinusEqualsToken)
      ) {
        let delta: BlockState;
        if (op === ts.SyntaxKind.PlusEqualsToken) delta = this.value(expr.right, "Number");
        else {
          const literal = numericLiteral(ts, expr.right);
          delta =
            literal !== undefined
              ? this.number(-literal)
              : this.block("math_single", {
                  fields: { OP: "NEG" },
                  inputs: { NUM: this.connection(this.value(expr.right, "Number")) },
                });
        }
        return this.block("math_change", {
          fields: { VAR: this.varField(binding) },
          inputs: { DELTA: this.connection(delta) },
        });
      }
    }
    if (
      (ts.isPostfixUnaryExpression(expr) || ts.isPrefixUnaryExpression(expr)) &&
      ts.isIdentifier(expr.operand)
    ) {
      const binding = this.lookup(expr.operand.text);
      const step =
        expr.operator === ts.SyntaxKind.PlusPlusToken
          ? 1
          : expr.operator === ts.SyntaxKind.MinusMinusToken
            ? -1
            : 0;
      if (binding && step) {
        return this.block("math_change", {
          fields: { VAR: this.varField(binding) },
          inputs: { DELTA: this.connection(this.number(step)) },
        });
      }
    }
    return this.codeStatement(stmt);
  }

  /** A call used as a statement: an API call, `print`, `wait`, or a call of a function. */
  private callStatement(call: TS.CallExpression, awaited: boolean): BlockState | null {
    const api = this.apiCall(call);
    if (api) {
      const statement =
        API_BLOCKS.find((b) => b.call === api.call && b.shape === "statement") ?? null;
      if (!statement || api.call.timed !== awaited) return null;
      return this.apiBlockFor(statement.type, api.call, call);
    }
    const proc = this.procedureCall(call);
    if (proc && !proc.returnsValue && (awaited || !proc.async)) {
      return this.callBlock("procedures_callnoreturn", proc, call);
    }
    return null;
  }

  private apiCall(call: TS.CallExpression) {
    const { ts } = this;
    const callee = call.expression;
    let found;
    if (
      ts.isPropertyAccessExpression(callee) &&
      ts.isIdentifier(callee.expression) &&
      callee.expression.text === "robot" &&
      this.isGlobal("robot")
    ) {
      found = API_BLOCKS.find((b) => b.call.scope === "robot" && b.call.name === callee.name.text);
    } else if (
      ts.isIdentifier(callee) &&
      this.isGlobal(callee.text) &&
      !this.procedures.has(callee.text)
    ) {
      found = API_BLOCKS.find((b) => b.call.scope === "global" && b.call.name === callee.text);
    }
    if (!found) return null;
    const params = found.call.params;
    const rest = params.some((p) => p.rest);
    if (call.arguments.some((a) => ts.isSpreadElement(a))) return null;
    if (
      rest ? call.arguments.length < params.length - 1 : call.arguments.length !== params.length
    ) {
      return null;
    }
    return found;
  }

  private apiBlockFor(
    type: string,
    call: (typeof API_BLOCKS)[number]["call"],
    node: TS.CallExpression,
  ): BlockState {
    const inputs: Record<string, BlockConnection> = {};
    let extraState: unknown;
    call.params.forEach((param, i) => {
      if (param.rest) {
        const values = node.arguments.slice(i);
        values.forEach((arg, k) => {
          inputs[restInput(param.name, k)] = this.connection(this.value(arg, null));
        });
        extraState = { itemCount: values.length };
      } else {
        inputs[param.name] = this.connection(this.value(node.arguments[i]!, checkOf(param.type)));
      }
    });
    return this.block(type, {
      ...(extraState ? { extraState } : {}),
      ...(Object.keys(inputs).length ? { inputs } : {}),
    });
  }

  private procedureCall(call: TS.CallExpression): ProcedureInfo | null {
    const { ts } = this;
    if (!ts.isIdentifier(call.expression) || this.lookup(call.expression.text)) return null;
    const proc = this.procedures.get(call.expression.text);
    if (!proc || call.arguments.length !== proc.params.length) return null;
    if (call.arguments.some((a) => ts.isSpreadElement(a)) || call.typeArguments) return null;
    return proc;
  }

  private callBlock(type: string, proc: ProcedureInfo, call: TS.CallExpression): BlockState {
    const inputs: Record<string, BlockConnection> = {};
    call.arguments.forEach((arg, i) => {
      inputs[`ARG${i}`] = this.connection(this.value(arg, null));
    });
    return this.block(type, {
      extraState: { name: proc.name, params: proc.params },
      ...(call.arguments.length ? { inputs } : {}),
    });
  }

  private variableStatement(stmt: TS.VariableStatement): BlockState[] {
    const { ts } = this;
    const list = stmt.declarationList;
    const blockScoped = (list.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) !== 0;
    const simple =
      blockScoped &&
      !stmt.modifiers?.length &&
      list.declarations.every(
        (d) =>
          ts.isIdentifier(d.name) && d.initializer && !d.exclamationToken && trivialType(ts, d),
      );
    if (!simple) return [this.codeStatement(stmt)];
    return list.declarations.map((decl) => {
      const binding = this.lookup((decl.name as TS.Identifier).text)!;
      return this.block("variables_set", {
        fields: { VAR: this.varField(binding) },
        inputs: { VALUE: this.connection(this.value(decl.initializer!, null)) },
      });
    });
  }

  private ifStatement(stmt: TS.IfStatement): BlockState {
    const { ts } = this;
    const onlyReturn = (s: TS.Statement): TS.ReturnStatement | undefined =>
      ts.isReturnStatement(s)
        ? s
        : ts.isBlock(s) && s.statements.length === 1 && ts.isReturnStatement(s.statements[0]!)
          ? s.statements[0]
          : undefined;
    const ret = this.procedure && !stmt.elseStatement ? onlyReturn(stmt.thenStatement) : undefined;
    // Blockly's « si ... retourner » takes a value exactly in functions that return one.
    if (ret && !!ret.expression === this.procedure!.returnsValue) {
      const block = this.block("procedures_ifreturn", {
        extraState: `<mutation value="${ret.expression ? 1 : 0}"></mutation>`,
      });
      block.inputs = { CONDITION: { block: this.value(stmt.expression, "Boolean") } };
      if (ret.expression) block.inputs.VALUE = this.connection(this.value(ret.expression, null));
      return block;
    }
    const block = this.block("controls_if");
    const inputs: Record<string, BlockConnection> = {};
    let elseIfCount = 0;
    let hasElse = false;
    let current: TS.IfStatement = stmt;
    for (let i = 0; ; i++) {
      inputs[`IF${i}`] = { block: this.value(current.expression, "Boolean") };
      const body = this.bodyOf(current.thenStatement, block);
      if (body) inputs[`DO${i}`] = body;
      const next = current.elseStatement;
      if (!next) break;
      if (ts.isIfStatement(next)) {
        elseIfCount++;
        current = next;
        continue;
      }
      hasElse = true;
      const elseBody = this.bodyOf(next, block);
      if (elseBody) inputs.ELSE = elseBody;
      break;
    }
    block.inputs = inputs;
    if (elseIfCount || hasElse) {
      block.extraState = {
        ...(elseIfCount ? { elseIfCount } : {}),
        ...(hasElse ? { hasElse } : {}),
      };
    }
    return block;
  }

  /** A loop whose header has no block form: the header as code, the body as blocks. */
  private codeWrap(
    stmt: TS.IterationStatement,
    body: TS.Statement,
    fill: (s: Scope) => void = () => {},
  ): BlockState {
    const head = this.withScope(fill, () => this.codeOf(stmt, body.getStart(this.sf)));
    const block = this.block("robotyc_code_wrap", {
      fields: { HEAD: head.replace(/\s*\{?\s*$/, "") },
    });
    const inner = this.bodyOf(body, block, fill);
    if (inner) block.inputs = { DO: inner };
    return block;
  }

  private forStatement(stmt: TS.ForStatement): BlockState {
    const { ts } = this;
    const init = stmt.initializer;
    const declared =
      init &&
      ts.isVariableDeclarationList(init) &&
      (init.flags & ts.NodeFlags.Let) !== 0 &&
      init.declarations.length === 1 &&
      ts.isIdentifier(init.declarations[0]!.name) &&
      !init.declarations[0]!.type &&
      init.declarations[0]!.initializer
        ? init.declarations[0]!
        : undefined;
    const assigned =
      init &&
      ts.isBinaryExpression(init) &&
      init.operatorToken.kind === ts.SyntaxKind.EqualsToken &&
      ts.isIdentifier(init.left) &&
      this.lookup(init.left.text)
        ? init
        : undefined;
    const name = declared
      ? (declared.name as TS.Identifier).text
      : assigned
        ? (assigned.left as TS.Identifier).text
        : undefined;
    const from = declared?.initializer ?? assigned?.right;
    const fill = (scope: Scope) => {
      if (init && ts.isVariableDeclarationList(init)) {
        for (const d of init.declarations)
          for (const id of boundNames(ts, d.name)) this.bind(id.text, scope, id);
      }
    };
    const cond = stmt.condition && unparen(ts, stmt.condition);
    const pattern =
      name &&
      from &&
      cond &&
      ts.isBinaryExpression(cond) &&
      ts.isIdentifier(cond.left) &&
      cond.left.text === name
        ? loopPattern(ts, cond.operatorToken.kind, stmt.incrementor, name)
        : undefined;
    if (!pattern || !cond || !ts.isBinaryExpression(cond))
      return this.codeWrap(stmt, stmt.statement, fill);
    return this.withScope(fill, () => {
      const binding = this.lookup(name!)!;
      const to = cond.right;
      const unused =
        declared &&
        !mentions(ts, stmt.statement, name!) &&
        !mentions(ts, to, name!) &&
        numericLiteral(ts, from!) === 0;
      let block: BlockState;
      if (pattern.kind === "count" && unused) {
        block = this.block("controls_repeat_ext", {
          inputs: { TIMES: this.connection(this.value(to, "Number")) },
        });
      } else if (pattern.kind === "count") {
        block = this.block("robotyc_count", {
          fields: { VAR: this.varField(binding) },
          inputs: {
            FROM: this.connection(this.value(from!, "Number")),
            TO: this.connection(this.value(to, "Number")),
          },
        });
      } else {
        const by =
          pattern.step !== undefined
            ? this.number(pattern.step)
            : this.value(pattern.stepExpr!, "Number");
        block = this.block("controls_for", {
          fields: { VAR: this.varField(binding) },
          inputs: {
            FROM: this.connection(this.value(from!, "Number")),
            TO: this.connection(this.value(to, "Number")),
            BY: this.connection(by),
          },
        });
      }
      const body = this.bodyOf(stmt.statement, block);
      if (body) block.inputs!.DO = body;
      return block;
    });
  }

  private forOfStatement(stmt: TS.ForOfStatement): BlockState {
    const { ts } = this;
    const init = stmt.initializer;
    let name: string | undefined;
    const fill = (scope: Scope) => {
      if (ts.isVariableDeclarationList(init)) {
        for (const d of init.declarations)
          for (const id of boundNames(ts, d.name)) this.bind(id.text, scope, id);
      }
    };
    if (
      ts.isVariableDeclarationList(init) &&
      (init.flags & (ts.NodeFlags.Let | ts.NodeFlags.Const)) !== 0 &&
      init.declarations.length === 1 &&
      ts.isIdentifier(init.declarations[0]!.name) &&
      !init.declarations[0]!.type
    ) {
      name = (init.declarations[0]!.name as TS.Identifier).text;
    } else if (ts.isIdentifier(init) && this.lookup(init.text)) {
      name = init.text;
    }
    if (!name || stmt.awaitModifier) return this.codeWrap(stmt, stmt.statement, fill);
    const list = this.value(stmt.expression, "Array");
    return this.withScope(fill, () => {
      const block = this.block("controls_forEach", {
        fields: { VAR: this.varField(this.lookup(name!)!) },
        inputs: { LIST: this.connection(list) },
      });
      const body = this.bodyOf(stmt.statement, block);
      if (body) block.inputs!.DO = body;
      return block;
    });
  }

  private procedureBlock(fn: TS.FunctionDeclaration): BlockState {
    const { ts, sf } = this;
    const info = this.procedures.get(fn.name!.text)!;
    this.procedure = info;
    try {
      return this.withScope(
        (scope) => {
          for (const p of fn.parameters) {
            this.bind((p.name as TS.Identifier).text, scope, p.name, false);
          }
        },
        () => {
          const params = fn.parameters.map((p) => {
            const binding = this.lookup((p.name as TS.Identifier).text)!;
            return { name: binding.variable, id: this.variableId(binding.variable) };
          });
          const block = this.block(
            info.returnsValue ? "procedures_defreturn" : "procedures_defnoreturn",
            {
              fields: { NAME: info.name },
              ...(params.length ? { extraState: { params } } : {}),
            },
          );
          const statements = [...fn.body!.statements];
          const last = statements[statements.length - 1];
          let finalReturn: TS.ReturnStatement | undefined;
          if (info.returnsValue && last && ts.isReturnStatement(last) && last.expression) {
            finalReturn = last;
            statements.pop();
          }
          // Comments just before the last `return` go with its value.
          const bodyEnd = !finalReturn
            ? fn.body!.end - 1
            : statements.length
              ? statements[statements.length - 1]!.end
              : fn.body!.getStart(sf) + 1;
          const inputs: Record<string, BlockConnection> = {};
          // The body and its last `return` share one scope (the function body's).
          this.withScope(
            () => {},
            () => {
              const blocks = this.list(statements, fn.body!.getStart(sf) + 1, bodyEnd, block);
              if (blocks.length) inputs.STACK = { block: chain(blocks) };
              if (!finalReturn) return;
              const value = this.value(finalReturn.expression!, null);
              this.attach(value, [
                ...this.take(bodyEnd, finalReturn.end),
                ...this.trailing(finalReturn.end),
                ...this.take(finalReturn.end, fn.body!.end - 1),
              ]);
              inputs.RETURN = { block: value };
            },
          );
          if (Object.keys(inputs).length) block.inputs = inputs;
          return block;
        },
      );
    } finally {
      this.procedure = null;
    }
  }

  // ---- values ----------------------------------------------------------------------------

  /** Literals go in as shadows (edited in place, as the toolbox's defaults are). */
  private connection(block: BlockState): BlockConnection {
    return block.type === "math_number" || block.type === "text" ? { shadow: block } : { block };
  }

  private number(n: number): BlockState {
    return this.block("math_number", { fields: { NUM: n } });
  }

  /** A value for an input with connection check `check`: blocks when they fit, else « code ». */
  private value(node: TS.Expression, check: string | null): BlockState {
    const block = this.expression(node, check);
    if (block && fits(outputOf(block), check)) return block;
    return this.codeValue(unparen(this.ts, node));
  }

  private expression(node: TS.Expression, check: string | null): BlockState | null {
    const { ts } = this;
    node = unparen(ts, node);
    const literal = numericLiteral(ts, node);
    if (literal !== undefined) return this.number(literal);
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      const choice = choiceBlockOfValue(node.text);
      if (choice) return this.block(choice.type, { fields: { VALUE: node.text } });
      return this.block("text", { fields: { TEXT: node.text } });
    }
    if (node.kind === ts.SyntaxKind.TrueKeyword || node.kind === ts.SyntaxKind.FalseKeyword) {
      return this.block("logic_boolean", {
        fields: { BOOL: node.kind === ts.SyntaxKind.TrueKeyword ? "TRUE" : "FALSE" },
      });
    }
    if (ts.isIdentifier(node)) {
      const binding = this.lookup(node.text);
      return binding
        ? this.block("variables_get", { fields: { VAR: this.varField(binding) } })
        : null;
    }
    if (ts.isTemplateExpression(node)) {
      const items: BlockState[] = [];
      if (node.head.text) items.push(this.block("text", { fields: { TEXT: node.head.text } }));
      for (const span of node.templateSpans) {
        items.push(this.value(span.expression, null));
        if (span.literal.text)
          items.push(this.block("text", { fields: { TEXT: span.literal.text } }));
      }
      return this.join(items);
    }
    if (ts.isPrefixUnaryExpression(node)) {
      if (node.operator === ts.SyntaxKind.ExclamationToken) {
        return this.block("logic_negate", {
          inputs: { BOOL: { block: this.value(node.operand, "Boolean") } },
        });
      }
      if (node.operator === ts.SyntaxKind.MinusToken) {
        return this.block("math_single", {
          fields: { OP: "NEG" },
          inputs: { NUM: this.connection(this.value(node.operand, "Number")) },
        });
      }
      return null;
    }
    if (ts.isBinaryExpression(node)) return this.binary(node);
    if (ts.isConditionalExpression(node)) {
      return this.block("logic_ternary", {
        inputs: {
          IF: { block: this.value(node.condition, "Boolean") },
          THEN: this.connection(this.value(node.whenTrue, check)),
          ELSE: this.connection(this.value(node.whenFalse, check)),
        },
      });
    }
    if (ts.isArrayLiteralExpression(node)) {
      if (node.elements.some((e) => ts.isSpreadElement(e) || ts.isOmittedExpression(e)))
        return null;
      const inputs: Record<string, BlockConnection> = {};
      node.elements.forEach((e, i) => (inputs[`ADD${i}`] = this.connection(this.value(e, null))));
      return this.block("lists_create_with", {
        extraState: { itemCount: node.elements.length },
        ...(node.elements.length ? { inputs } : {}),
      });
    }
    if (ts.isPropertyAccessExpression(node) && !node.questionDotToken) {
      const part = partBlockOfField(node.name.text);
      if (!part) return null;
      return this.block(part.type, {
        fields: { FIELD: node.name.text },
        inputs: {
          OBJ: { block: this.value(node.expression, checkOf(part.call.returns, part.call)) },
        },
      });
    }
    const awaited = ts.isAwaitExpression(node);
    const inner = awaited ? unparen(ts, (node as TS.AwaitExpression).expression) : node;
    if (ts.isCallExpression(inner)) return this.callValue(inner, awaited);
    return null;
  }

  private join(items: BlockState[]): BlockState {
    const inputs: Record<string, BlockConnection> = {};
    items.forEach((item, i) => (inputs[`ADD${i}`] = this.connection(item)));
    return this.block("text_join", {
      extraState: { itemCount: items.length },
      ...(items.length ? { inputs } : {}),
    });
  }

  private callValue(call: TS.CallExpression, awaited: boolean): BlockState | null {
    const { ts } = this;
    const api = this.apiCall(call);
    if (api) {
      const value = API_BLOCKS.find((b) => b.call === api.call && b.shape === "value");
      if (!value || api.call.timed !== awaited) return null;
      return this.apiBlockFor(value.type, api.call, call);
    }
    const proc = this.procedureCall(call);
    if (proc) {
      if (!proc.returnsValue || (proc.async && !awaited)) return null;
      return this.callBlock("procedures_callreturn", proc, call);
    }
    if (awaited) return null;
    const callee = call.expression;
    if (
      ts.isPropertyAccessExpression(callee) &&
      ts.isIdentifier(callee.expression) &&
      callee.expression.text === "Math" &&
      this.isGlobal("Math")
    ) {
      const fn = `Math.${callee.name.text}`;
      const single = Object.entries(MATH_SINGLE).find(([, f]) => f === fn)?.[0];
      const round = Object.entries(MATH_ROUND).find(([, f]) => f === fn)?.[0];
      if (fn === "Math.random" && call.arguments.length === 0)
        return this.block("math_random_float");
      if (
        (single || round) &&
        call.arguments.length === 1 &&
        !ts.isSpreadElement(call.arguments[0]!)
      ) {
        return this.block(single ? "math_single" : "math_round", {
          fields: { OP: (single ?? round)! },
          inputs: { NUM: this.connection(this.value(call.arguments[0]!, "Number")) },
        });
      }
    }
    return null;
  }

  private binary(node: TS.BinaryExpression): BlockState | null {
    const { ts } = this;
    const op = node.operatorToken.getText(this.sf);
    if (op === "+" && (this.stringy(node.left) || this.stringy(node.right))) {
      return this.join([...this.joinItems(node.left), ...this.joinItems(node.right)]);
    }
    const arithmetic = OPERATOR_NAMES(ARITHMETIC).get(op);
    if (arithmetic) {
      return this.block("math_arithmetic", {
        fields: { OP: arithmetic },
        inputs: {
          A: this.connection(this.value(node.left, "Number")),
          B: this.connection(this.value(node.right, "Number")),
        },
      });
    }
    if (op === "%") {
      return this.block("math_modulo", {
        inputs: {
          DIVIDEND: this.connection(this.value(node.left, "Number")),
          DIVISOR: this.connection(this.value(node.right, "Number")),
        },
      });
    }
    const compare = OPERATOR_NAMES(COMPARE).get(op);
    if (compare) {
      const a = this.value(node.left, null);
      // Blockly unplugs the right side of a comparison whose two sides have different types.
      let b = this.value(node.right, null);
      if (!fits(outputOf(a), outputOf(b))) b = this.codeValue(unparen(ts, node.right));
      return this.block("logic_compare", {
        fields: { OP: compare },
        inputs: { A: this.connection(a), B: this.connection(b) },
      });
    }
    if (op === "&&" || op === "||") {
      return this.block("logic_operation", {
        fields: { OP: op === "&&" ? "AND" : "OR" },
        inputs: {
          A: { block: this.value(node.left, "Boolean") },
          B: { block: this.value(node.right, "Boolean") },
        },
      });
    }
    return null;
  }

  /** Is this expression text for sure (so `+` joins text)? */
  private stringy(node: TS.Expression): boolean {
    const { ts } = this;
    node = unparen(ts, node);
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateExpression(node)
    ) {
      return true;
    }
    return (
      ts.isBinaryExpression(node) &&
      node.operatorToken.kind === ts.SyntaxKind.PlusToken &&
      (this.stringy(node.left) || this.stringy(node.right))
    );
  }

  /** The pieces of a text join: a `+` chain that is text is flattened. */
  private joinItems(node: TS.Expression): BlockState[] {
    const { ts } = this;
    const bare = unparen(ts, node);
    if (
      ts.isBinaryExpression(bare) &&
      bare.operatorToken.kind === ts.SyntaxKind.PlusToken &&
      this.stringy(bare)
    ) {
      return [...this.joinItems(bare.left), ...this.joinItems(bare.right)];
    }
    return [this.value(node, null)];
  }
}

// ---- helpers ---------------------------------------------------------------------------

function unparen(ts: Typescript, node: TS.Expression): TS.Expression {
  while (ts.isParenthesizedExpression(node)) node = node.expression;
  return node;
}

/** `5`, `-5`, `(5)`: the number; anything else: undefined. */
function numericLiteral(ts: Typescript, node: TS.Expression): number | undefined {
  node = unparen(ts, node);
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (
    ts.isPrefixUnaryExpression(node) &&
    node.operator === ts.SyntaxKind.MinusToken &&
    ts.isNumericLiteral(node.operand)
  ) {
    return -Number(node.operand.text);
  }
  return undefined;
}

function boundNames(ts: Typescript, name: TS.BindingName): TS.Identifier[] {
  if (ts.isIdentifier(name)) return [name];
  return name.elements.flatMap((e) => (ts.isOmittedExpression(e) ? [] : boundNames(ts, e.name)));
}

/** A type annotation that changes nothing: `number` on a number, `string` on a string... */
function trivialType(ts: Typescript, decl: TS.VariableDeclaration): boolean {
  if (!decl.type) return true;
  const init = decl.initializer && unparen(ts, decl.initializer);
  if (!init) return false;
  switch (decl.type.kind) {
    case ts.SyntaxKind.NumberKeyword:
      return numericLiteral(ts, init) !== undefined;
    case ts.SyntaxKind.StringKeyword:
      return ts.isStringLiteral(init) || ts.isNoSubstitutionTemplateLiteral(init);
    case ts.SyntaxKind.BooleanKeyword:
      return init.kind === ts.SyntaxKind.TrueKeyword || init.kind === ts.SyntaxKind.FalseKeyword;
    default:
      return false;
  }
}

/** Does the function return a value somewhere (not counting nested functions)? */
function returnsValue(ts: Typescript, fn: TS.FunctionDeclaration): boolean {
  let found = false;
  const visit = (node: TS.Node) => {
    if (found || ts.isFunctionLike(node)) return;
    if (ts.isReturnStatement(node) && node.expression) found = true;
    node.forEachChild(visit);
  };
  fn.body?.forEachChild(visit);
  return found;
}

function mentions(ts: Typescript, node: TS.Node, name: string): boolean {
  let found = false;
  const visit = (n: TS.Node) => {
    if (found) return;
    if (ts.isIdentifier(n) && n.text === name) found = true;
    n.forEachChild(visit);
  };
  visit(node);
  return found;
}

/** An identifier that names a value (not a property name, not in a type). */
function isReference(ts: Typescript, id: TS.Identifier): boolean {
  const parent = id.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.name === id) return false;
  if ((ts.isPropertyAssignment(parent) || ts.isPropertySignature(parent)) && parent.name === id)
    return false;
  if (ts.isMethodDeclaration(parent) && parent.name === id) return false;
  for (let n: TS.Node = id; n.parent; n = n.parent) if (ts.isTypeNode(n)) return false;
  return true;
}

type LoopPattern = { kind: "count" } | { kind: "for"; step?: number; stepExpr?: TS.Expression };

/** `i < B; i++` counts; `i <= B; i++ | i += S` and `i >= B; i-- | i -= n` are Blockly's for. */
function loopPattern(
  ts: Typescript,
  op: TS.SyntaxKind,
  incr: TS.Expression | undefined,
  name: string,
): LoopPattern | undefined {
  if (!incr) return undefined;
  incr = unparen(ts, incr);
  let step: number | undefined;
  let stepExpr: TS.Expression | undefined;
  if (
    (ts.isPostfixUnaryExpression(incr) || ts.isPrefixUnaryExpression(incr)) &&
    ts.isIdentifier(incr.operand) &&
    incr.operand.text === name
  ) {
    step =
      incr.operator === ts.SyntaxKind.PlusPlusToken
        ? 1
        : incr.operator === ts.SyntaxKind.MinusMinusToken
          ? -1
          : undefined;
  } else if (ts.isBinaryExpression(incr) && ts.isIdentifier(incr.left) && incr.left.text === name) {
    const literal = numericLiteral(ts, incr.right);
    if (incr.operatorToken.kind === ts.SyntaxKind.PlusEqualsToken) {
      if (literal !== undefined && literal > 0) step = literal;
      else if (literal === undefined) stepExpr = incr.right;
      else return undefined;
    } else if (
      incr.operatorToken.kind === ts.SyntaxKind.MinusEqualsToken &&
      literal !== undefined &&
      literal > 0
    ) {
      step = -literal;
    } else return undefined;
  }
  if (step === undefined && !stepExpr) return undefined;
  if (op === ts.SyntaxKind.LessThanToken && step === 1) return { kind: "count" };
  if (op === ts.SyntaxKind.LessThanEqualsToken && (stepExpr || (step !== undefined && step > 0))) {
    return { kind: "for", ...(step !== undefined ? { step } : { stepExpr }) };
  }
  if (op === ts.SyntaxKind.GreaterThanEqualsToken && step !== undefined && step < 0) {
    return { kind: "for", step };
  }
  return undefined;
}

/** A comment's text without its markers: `// a` → `a`, `/** a *\/` → `a`. */
export function commentText(raw: string): string {
  if (raw.startsWith("//")) return raw.slice(2).replace(/^ /, "");
  const doc = raw.startsWith("/**") && raw !== "/**/";
  const inner = raw.slice(doc ? 3 : 2, -2);
  const lines = inner.split("\n");
  if (lines.length === 1) return inner.replace(/^ /, "").replace(/ $/, "");
  if (lines[0]!.trim() === "") lines.shift();
  if (lines.length && lines[lines.length - 1]!.trim() === "") lines.pop();
  const starred = lines.every((l) => /^\s*\*/.test(l));
  if (starred) return lines.map((l) => l.replace(/^\s*\* ?/, "")).join("\n");
  // The first line starts right after `/*`; the others lose their common indentation.
  const rest = lines.slice(1).filter((l) => l.trim());
  const indent = rest.length ? Math.min(...rest.map((l) => /^\s*/.exec(l)![0].length)) : 0;
  return lines
    .map((l, i) =>
      i === 0 ? l.replace(/^ /, "") : l.slice(Math.min(indent, /^\s*/.exec(l)![0].length)),
    )
    .map((l) => l.trimEnd())
    .join("\n");
}

function chain(blocks: BlockState[]): BlockState {
  for (let i = blocks.length - 2; i >= 0; i--) blocks[i]!.next = { block: blocks[i + 1]! };
  return blocks[0]!;
}

/** A rough height in pixels, to lay the top blocks out without overlap before Blockly measures them. */
function estimateHeight(blocks: BlockState[]): number {
  let count = 0;
  const visit = (b: BlockState | undefined) => {
    if (!b) return;
    count++;
    for (const c of Object.values(b.inputs ?? {})) visit(c.block);
    visit(b.next?.block);
  };
  blocks.forEach(visit);
  return count * 20;
}

function countCode(blocks: BlockState[]): number {
  let count = 0;
  const visit = (b: BlockState | undefined) => {
    if (!b) return;
    if (b.type.startsWith("robotyc_code")) count++;
    for (const c of Object.values(b.inputs ?? {})) visit(c.block);
    visit(b.next?.block);
  };
  blocks.forEach(visit);
  return count;
}
