/**
 * The page's side of the compile worker. The worker (and TypeScript with it) starts on the first
 * request; later compiles reuse it. Only the latest request for diagnostics matters: older
 * answers still arrive and are handed to their own caller.
 */
import type { CompileResult, Locale } from "../../../../runtime/engine.ts";
import type { FromTypeScriptResult } from "../convert/index.ts";
import { FromCompilerSchema, type FromCompiler, type ToCompiler } from "./compile-protocol.ts";

type Typings = Extract<FromCompiler, { type: "typings" }>;

export class CompilerClient {
  private worker: Worker | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (result: unknown) => void>();
  private typings: Promise<Typings> | null = null;
  private typingsResolve: ((t: Typings) => void) | null = null;

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(new URL("./compile-worker.ts", import.meta.url), {
      type: "module",
      name: "compiler",
    });
    worker.onmessage = (event: MessageEvent<unknown>) => {
      const parsed = FromCompilerSchema.safeParse(event.data);
      if (!parsed.success) return;
      const message = parsed.data;
      if (message.type === "typings") this.typingsResolve?.(message);
      else if (message.id !== undefined) {
        const done = this.pending.get(message.id);
        this.pending.delete(message.id);
        done?.(
          message.type === "compiled" || message.type === "blocks"
            ? message.result
            : new Error(message.message),
        );
      }
    };
    worker.onerror = (event) => {
      for (const done of this.pending.values()) done(new Error(event.message || "compiler"));
      this.pending.clear();
      this.worker = null;
    };
    this.worker = worker;
    return worker;
  }

  private post(message: ToCompiler): void {
    this.start().postMessage(message);
  }

  private ask<T>(send: (id: number) => ToCompiler): Promise<T> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (result) =>
        result instanceof Error ? reject(result) : resolve(result as T),
      );
      this.post(send(id));
    });
  }

  compile(source: string, locale: Locale, fileName = "programme.ts"): Promise<CompileResult> {
    return this.ask((id) => ({ type: "compile", id, source, locale, fileName }));
  }

  /** TypeScript → blocks (the Blocks editor's conversion, run where TypeScript is loaded). */
  toBlocks(source: string): Promise<FromTypeScriptResult> {
    return this.ask((id) => ({ type: "toBlocks", id, source }));
  }

  /** The ES library and the pupil API typings (for the code editor). */
  getTypings(): Promise<Typings> {
    this.typings ??= new Promise<Typings>((resolve) => {
      this.typingsResolve = resolve;
      this.post({ type: "typings" });
    });
    return this.typings;
  }

  /** Starts the worker ahead of the first compile (TypeScript takes a while to load). */
  warmUp(): void {
    this.start();
  }
}
