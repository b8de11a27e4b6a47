import { describe, expect, it } from "vitest";
import { renderMarkdown } from "@/components/operations/render-markdown";
import { RUNBOOK_SEEDS } from "./runbook-defaults";

describe("runbook markdown is rendered without raw HTML", () => {
  it.each([
    ["a script tag", "<script>alert(1)</script>", /<script/i],
    ["an inline event handler", '<img src="x" onerror="alert(1)">', /<img/i],
    ["an iframe", "<iframe src=https://evil.example></iframe>", /<iframe/i],
    ["a javascript: link", "[click](javascript:alert(1))", /href="javascript:/i],
    ["an encoded javascript: link", "[click](jav&#x61;script:alert(1))", /href="jav/i],
    ["a data: link", "[x](data:text/html;base64,PHNjcmlwdD4=)", /href="data:/i],
    ["a vbscript: link", "[x](vbscript:msgbox)", /href="vbscript:/i],
  ])("escapes %s", (_name, source, forbidden) => {
    const html = renderMarkdown(source);
    expect(html).not.toMatch(forbidden);
  });

  it("shows raw HTML as text", () => {
    expect(renderMarkdown("<b>bold</b>")).toContain("&lt;b&gt;bold&lt;/b&gt;");
  });

  it("renders the markdown runbooks use: headings, lists, tables, code, console links, and external links that drop the opener", () => {
    const html = renderMarkdown(
      "## Check\n\n1. [Audit](/audit)\n\n| a | b |\n|---|---|\n| `x` | y |\n\nhttps://status.example.com",
    );
    expect(html).toContain("<h2>Check</h2>");
    expect(html).toContain('<a href="/audit">Audit</a>');
    expect(html).toContain("<table>");
    expect(html).toContain("<code>x</code>");
    expect(html).toContain('<a href="https://status.example.com" rel="noopener noreferrer" target="_blank">');
  });

  it("every seeded runbook renders and links only to console pages or other runbooks", () => {
    const slugs = new Set(RUNBOOK_SEEDS.map((s) => s.slug));
    for (const seed of RUNBOOK_SEEDS) {
      const html = renderMarkdown(seed.body);
      expect(html, seed.slug).toContain("<h2>");
      for (const [, href] of html.matchAll(/href="([^"]+)"/g)) {
        expect(href, `${seed.slug} links to ${href}`).toMatch(
          /^\/(operations|audit|servers|policies|approvals|runbooks\/[a-z-]+)(#[a-z-]+)?$/,
        );
        const runbook = /^\/runbooks\/([a-z-]+)$/.exec(href)?.[1];
        if (runbook) expect(slugs.has(runbook), `${seed.slug} → ${runbook}`).toBe(true);
      }
    }
  });
});
