import { describe, expect, it } from "vitest";
import { RESOURCES } from "./index.ts";

type Tree = { [key: string]: string | Tree };

function leaves(tree: Tree, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === "string") out.set(path, value);
    else for (const [k, v] of leaves(value, path)) out.set(k, v);
  }
  return out;
}

const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();

describe("the app's strings", () => {
  const fr = leaves(RESOURCES.fr as unknown as Tree);
  const en = leaves(RESOURCES.en as unknown as Tree);

  it("has every French key in English and no other", () => {
    expect([...en.keys()].sort()).toEqual([...fr.keys()].sort());
  });

  it("has no empty string and the same placeholders in both languages", () => {
    for (const [key, text] of fr) {
      expect(text.trim(), key).not.toBe("");
      expect(en.get(key)!.trim(), key).not.toBe("");
      expect(placeholders(en.get(key)!), key).toEqual(placeholders(text));
    }
  });
});
