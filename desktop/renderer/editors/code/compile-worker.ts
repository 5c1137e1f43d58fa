/**
 * The compile worker: the pupil compiler (runtime's `compile`, TypeScript inside) off the page's
 * thread. The same function as `robotyc check`, so the editor shows the same messages. It also
 * turns TypeScript into blocks, with the TypeScript it has loaded anyway.
 */
import ts from "typescript";
import { compile, ES_LIB_DTS, PUPIL_API_DTS } from "../../../../runtime/index.ts";
import { typeScriptToBlocks } from "../convert/index.ts";
import { ToCompilerSchema, type FromCompiler } from "./compile-protocol.ts";

const post = (message: FromCompiler) => self.postMessage(message);

self.onmessage = (event: MessageEvent<unknown>) => {
  const parsed = ToCompilerSchema.safeParse(event.data);
  if (!parsed.success) return;
  const message = parsed.data;
  if (message.type === "typings") {
    post({
      type: "typings",
      esLib: ES_LIB_DTS,
      pupil: { fr: PUPIL_API_DTS.fr, en: PUPIL_API_DTS.en },
    });
    return;
  }
  try {
    if (message.type === "toBlocks") {
      const result = typeScriptToBlocks(message.source, ts);
      post({ type: "blocks", id: message.id, result: { ...result } });
      return;
    }
    const result = compile(message.source, { locale: message.locale, fileName: message.fileName });
    post({ type: "compiled", id: message.id, result });
  } catch (error) {
    post({ type: "failed", id: message.id, message: String((error as Error)?.message ?? error) });
  }
};
