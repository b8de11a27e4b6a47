/** Carriers: the realistic documents tool outputs arrive in, each wrapping one or more snippets with benign scaffolding. */
import { filler } from "./benign";
import { HEX, type Rng } from "./rng";
import type { Snippet } from "./types";

export type Carrier = (snips: Snippet[], r: Rng) => unknown;

const texts = (snips: Snippet[]): string[] => snips.map((s) => s.text);
const multiline = (t: string): boolean => t.includes("\n");

/** Fields for JSON carriers: a snippet with a natural field becomes one (most of the time), the rest go in `text`. */
function split(snips: Snippet[], r: Rng): { fields: Record<string, string>; rest: string[] } {
  const fields: Record<string, string> = {};
  const rest: string[] = [];
  for (const s of snips) {
    if (s.field && !(s.field.key in fields) && r.chance(0.7)) fields[s.field.key] = s.field.value;
    else rest.push(s.text);
  }
  return { fields, rest };
}

const webPage: Carrier = (snips, r) => {
  const body = texts(snips)
    .map((t) => (multiline(t) ? `<pre>${t}</pre>` : t.startsWith("<") ? t : `<p>${t}</p>`))
    .join("\n      ");
  return `<!doctype html>
<html lang="en">
  <head><meta charset="utf-8"><title>${r.pick(["Release notes", "Team wiki", "Support article", "Blog"])} – Acme</title></head>
  <body>
    <nav><a href="/">Home</a> · <a href="/docs">Docs</a> · <a href="/blog">Blog</a></nav>
    <main>
      <h1>${r.pick(["Getting started", "What changed in 3.2", "Troubleshooting sign-in", "Weekly update"])}</h1>
      <p>${filler(r)}</p>
      ${body}
      <p>${filler(r)}</p>
    </main>
    <footer>© 2024 Acme Inc. · <a href="/privacy">Privacy</a></footer>
  </body>
</html>`;
};

const githubIssue: Carrier = (snips, r) => {
  const parts = texts(snips).map((t) => (multiline(t) || /[=:]\s*\S{16,}/.test(t) ? `\`\`\`\n${t}\n\`\`\`` : t));
  return `### ${r.pick(["Bug: sync fails after upgrade", "Question about configuration", "Crash on startup", "Feature request: export"])} (#${r.int(100, 9999)})

**Describe the problem**
${filler(r)}

**What I see**
${parts.join("\n\n")}

**Environment**
- OS: ${r.pick(["Ubuntu 24.04", "macOS 14.5", "Windows 11"])}
- Version: 3.${r.int(0, 9)}.${r.int(0, 20)}

_${r.int(1, 12)} comments · labels: bug, needs-triage_`;
};

const email: Carrier = (snips, r) =>
  `From: ${r.pick(["Build Bot <noreply@ci.example.com>", "Helpdesk <support@example.org>", "Ops <ops@example.net>"])}
To: team@example.org
Subject: ${r.pick(["Re: access for the new contractor", "Nightly report", "Your ticket #48213", "Fwd: onboarding"])}
Date: ${r.pick(["Tue", "Wed", "Thu"])}, ${r.int(1, 28)} May 2024 ${r.int(8, 18)}:${r.int(10, 59)}:00 +0200
Message-ID: <${r.chars(HEX, 16)}@mail.example.org>
Content-Type: text/plain; charset=utf-8

Hi all,

${filler(r)}

${texts(snips).join("\n\n")}

Best regards,
-- 
Acme Operations`;

const chatLog: Carrier = (snips, r) => {
  const ts = 1717000000 + r.int(0, 999999);
  const msgs = [{ user: "U024BE7LH", text: filler(r), ts: `${ts}.000100` }];
  texts(snips).forEach((t, i) =>
    msgs.push({ user: r.pick(["U0G9QF9C6", "U0LAN0Z89", "U024BE7LH"]), text: t, ts: `${ts + 60 * (i + 1)}.000200` }),
  );
  msgs.push({ user: "U0G9QF9C6", text: filler(r), ts: `${ts + 3600}.000300` });
  return { ok: true, channel: `C${r.chars("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789", 8)}`, messages: msgs, has_more: false };
};

const pdfText: Carrier = (snips, r) => {
  const pages = [
    `ACME GmbH — ${r.pick(["Quarterly Report Q2", "Employee Handbook", "Audit Findings", "Vendor Contract"])}\n\n${filler(r)}\n${filler(r)}`,
  ];
  for (const t of texts(snips)) pages.push(`${t}\n\n${filler(r)}`);
  return pages.map((p, i) => `${p}\n\nPage ${i + 1} of ${pages.length}`).join("\n\f");
};

const csvCell = (v: string): string => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);

const csv: Carrier = (snips, r) => {
  const { fields, rest } = split(snips, r);
  const cols = ["id", "name", ...Object.keys(fields), "notes"];
  const row = (name: string, values: Record<string, string>, notes: string): string =>
    [String(r.int(1000, 9999)), name, ...Object.keys(fields).map((k) => values[k] ?? ""), notes].map(csvCell).join(",");
  const lines = [cols.join(","), row("Widget A", {}, filler(r))];
  lines.push(row(r.pick(["Jordan Lee", "Ana Souza", "Kenji Sato"]), fields, rest.join(" ")));
  lines.push(row("Widget B", {}, "restock in June"));
  return lines.join("\n");
};

const readme: Carrier = (snips, r) =>
  `# ${r.pick(["acme-sync", "ledger-cli", "mcp-weather", "tiny-queue"])}

${filler(r)}

## Installation

\`\`\`bash
npm install --save ${r.pick(["acme-sync", "ledger-cli"])}
\`\`\`

## Configuration

${texts(snips)
  .map((t) => (multiline(t) ? `\`\`\`\n${t}\n\`\`\`` : t))
  .join("\n\n")}

## License

MIT`;

const code: Carrier = (snips, r) => {
  const { fields, rest } = split(snips, r);
  const cfg = Object.entries(fields)
    .map(([k, v]) => `  ${k}: ${JSON.stringify(v)},`)
    .join("\n");
  const comments = rest
    .map((t) =>
      t
        .split("\n")
        .map((l) => `// ${l}`)
        .join("\n"),
    )
    .join("\n");
  return `import { createClient } from "./client";

${comments}
export const config = {
  region: "${r.pick(["eu-west-1", "us-east-2"])}",
${cfg}
  retries: 3,
};

export async function main(): Promise<void> {
  const client = createClient(config);
  console.log(await client.ping());
}
`;
};

const jsonApi: Carrier = (snips, r) => {
  const { fields, rest } = split(snips, r);
  return {
    data: {
      id: String(r.int(10000, 99999)),
      type: r.pick(["ticket", "customer", "document", "deployment"]),
      attributes: { ...fields, title: filler(r), description: rest.join("\n\n"), updated_at: "2024-06-11T09:14:03Z" },
    },
    meta: { request_id: `${r.chars(HEX, 8)}-${r.chars(HEX, 4)}`, took_ms: r.int(3, 400) },
  };
};

const mcpContent: Carrier = (snips, r) => {
  const { fields, rest } = split(snips, r);
  const content = [{ type: "text", text: [filler(r), ...rest].join("\n\n") }];
  return Object.keys(fields).length > 0
    ? { content, structuredContent: fields, isError: false }
    : { content, isError: false };
};

const logLines: Carrier = (snips, r) => {
  const lines = [`2024-06-11T09:14:0${r.int(0, 9)}Z INFO  worker started pid=${r.int(100, 9999)}`];
  for (const t of texts(snips)) lines.push(`2024-06-11T09:14:${r.int(10, 59)}Z INFO  ${t}`);
  lines.push(`2024-06-11T09:15:0${r.int(0, 9)}Z INFO  job finished status=ok duration=${r.int(1, 900)}ms`);
  return lines.join("\n");
};

const plain: Carrier = (snips) => texts(snips).join("\n\n");

export const CARRIERS: Record<string, Carrier> = {
  "web-page": webPage,
  "github-issue": githubIssue,
  email,
  "chat-log": chatLog,
  "pdf-text": pdfText,
  csv,
  readme,
  code,
  "json-api": jsonApi,
  "mcp-content": mcpContent,
  "log-lines": logLines,
  plain,
};
