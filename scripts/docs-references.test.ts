import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Every `docs/<file>.md#<section>` written anywhere in the tree, and every relative
// `](<file>.md#<section>)` link inside docs/, must name a file that exists and a heading in it.

const ROOT = path.resolve(import.meta.dirname, "..");
const TEXT_FILE = /\.(ts|tsx|mts|mjs|js|md|yml|yaml|sh|json)$/;
const REFERENCE = /docs\/([A-Za-z0-9._/-]+\.md)#([A-Za-z0-9_-]+)/g;
const RELATIVE_LINK = /\]\(([A-Za-z0-9._/-]+\.md)#([A-Za-z0-9_-]+)\)/g;

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function slugsOf(markdown: string): Set<string> {
  const slugs = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) fenced = !fenced;
    const heading = fenced ? null : /^#{1,6}\s+(.+?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const text = heading[1].replace(/`/g, "").replace(/\[([^\]]*)\]\([^)]*\)/g, "$1");
    const base = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    slugs.add(n === 0 ? base : `${base}-${n}`);
  }
  return slugs;
}

interface Reference {
  from: string;
  file: string;
  anchor: string;
}

function trackedFiles(): string[] {
  return execFileSync("git", ["ls-files", "--cached", "--others", "--exclude-standard"], {
    cwd: ROOT,
    encoding: "utf8",
  })
    .split("\n")
    .filter((f) => TEXT_FILE.test(f) && !f.startsWith("lib/generated/") && existsSync(path.join(ROOT, f)));
}

function referencesIn(files: string[]): Reference[] {
  const refs: Reference[] = [];
  for (const from of files) {
    const text = readFileSync(path.join(ROOT, from), "utf8");
    for (const m of text.matchAll(REFERENCE)) refs.push({ from, file: `docs/${m[1]}`, anchor: m[2] });
    if (from.startsWith("docs/") && from.endsWith(".md"))
      for (const m of text.matchAll(RELATIVE_LINK))
        refs.push({ from, file: path.posix.join(path.posix.dirname(from), m[1]), anchor: m[2] });
  }
  return refs;
}

describe("references into docs/", () => {
  const refs = referencesIn(trackedFiles());

  it("slugs headings as GitHub does", () => {
    const slugs = slugsOf("# Order of checks\n## 1. Authenticate\n## `max_retries` and more\n## Words\n## Words\n");
    expect([...slugs]).toEqual(["order-of-checks", "1-authenticate", "max_retries-and-more", "words", "words-1"]);
  });

  it("are found in code, tests and the docs themselves", () => {
    expect(refs.filter((r) => !r.from.startsWith("docs/")).length).toBeGreaterThan(50);
    expect(refs.some((r) => r.from.startsWith("docs/"))).toBe(true);
  });

  it("each name an existing file and heading", () => {
    const slugCache = new Map<string, Set<string> | null>();
    const broken = refs.filter((r) => {
      if (!slugCache.has(r.file)) {
        const full = path.join(ROOT, r.file);
        slugCache.set(r.file, existsSync(full) ? slugsOf(readFileSync(full, "utf8")) : null);
      }
      return !slugCache.get(r.file)?.has(r.anchor);
    });
    expect(broken.map((r) => `${r.from}: ${r.file}#${r.anchor}`)).toEqual([]);
  });
});
