import MarkdownIt from "markdown-it";

/**
 * Runbook markdown → HTML that is safe to insert: raw HTML in the source is escaped (html:false),
 * and markdown-it's link validation drops javascript:, vbscript:, file: and data: URLs.
 * Shared by the server-rendered page and the editor's live preview.
 */
const md = new MarkdownIt({ html: false, linkify: true, typographer: false, breaks: false });

const defaultLinkOpen =
  md.renderer.rules.link_open ?? ((tokens, idx, options, _env, self) => self.renderToken(tokens, idx, options));
md.renderer.rules.link_open = (tokens, idx, options, env, self) => {
  const href = String(tokens[idx].attrGet("href") ?? "");
  // Links that leave the console open without handing it the opener or the referrer.
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) {
    tokens[idx].attrSet("rel", "noopener noreferrer");
    tokens[idx].attrSet("target", "_blank");
  }
  return defaultLinkOpen(tokens, idx, options, env, self);
};

export function renderMarkdown(source: string): string {
  return md.render(source);
}
