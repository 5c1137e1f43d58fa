import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/**
 * In a child process (so the listeners of the test runner play no part): a host that handles
 * rejections itself starts the classifier, classifies, then leaves a rejection unhandled.
 * It must survive, as it would without the classifier.
 */
function runHost(startClassifier: boolean) {
  const script = `
    process.on("unhandledRejection", (reason) => console.log("host handled: " + reason.message));
    const { loadClassifier } = await import(${JSON.stringify(join(root, "classifier/node.ts"))});
    if (${startClassifier}) {
      const c = await loadClassifier();
      const r = c.classify({ width: 8, height: 8, data: new Uint8Array(256).map((_, i) => (i * 37) % 256) });
      console.log("backend " + c.backend + " kind " + r.kind);
    }
    Promise.reject(new Error("stray"));
    await new Promise((resolve) => setTimeout(resolve, 200));
    console.log("still alive");
  `;
  return spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: root,
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("wasm backend in a Node host", () => {
  it("does not turn the host's handled rejections into a crash", () => {
    const result = runHost(true);
    expect(result.stdout).toMatch(/backend (wasm|tensorflow) kind/);
    expect(result.stdout).toContain("host handled: stray");
    expect(result.stdout).toContain("still alive");
    expect(result.status).toBe(0);
  });

  it("the same host without the classifier behaves the same (control)", () => {
    const result = runHost(false);
    expect(result.stdout).toContain("host handled: stray");
    expect(result.stdout).toContain("still alive");
    expect(result.status).toBe(0);
  });
});
