/** Benign texts that discuss attacks or look like secrets, written the way real articles, changelogs and docs are. */

/** Security writing and changelogs that DISCUSS prompt injection or system prompts (must never be quarantined). */
export const DISCUSSION = [
  "Prompt injection is the top entry in the OWASP Top 10 for LLM applications. It happens when text that a model reads, such as a web page or an e-mail, contains instructions that the model then follows as if they came from its operator.",
  "## Changelog 2.4.0\n- The system prompt is now configurable per workspace.\n- Fixed a bug where the system prompt was shown in debug logs.\n- Added a prompt-injection classifier to the retrieval pipeline.",
  "In our red-team exercise, testers hid instructions in PDF metadata and in white-on-white text. The model summarised the documents correctly in 47 of 50 runs; in the other three it repeated the hidden text, which we now strip before indexing.",
  "Indirect prompt injection (Greshake et al., 2023) describes attacks where an adversary plants instructions in data the application retrieves later, rather than typing them into the chat.",
  "Release 1.8 hardens the agent against tool poisoning: tool descriptions are shown to the user before the first call, and a description that changes after approval disables the tool until it is reviewed again.",
  "Q: Why does the assistant refuse to show its system prompt?\nA: The system prompt holds the operator's configuration. We treat it like source code: it is versioned, reviewed, and not printed on request.",
  "Security advisory GHSA-2024-0193: a crafted issue comment could make the triage bot post repository secrets. The fix treats issue text as data only; the bot no longer acts on instructions found in comments.",
  "Our guidelines for writing system prompts: keep them short, state the role first, list the tools with one line each, and never place credentials in the prompt.",
  "Jailbreak attempts such as 'DAN' role-play prompts try to convince a model that its usual rules are suspended. Training on refusals and filtering inputs both reduce, but do not eliminate, the success rate.",
  "The paper evaluates 12 defences against prompt injection, from delimiters and sandwiching to fine-tuned detectors, and reports attack success rates for each on a benchmark of 1,000 injected e-mails.",
  "### Threat model\nUntrusted inputs: web pages, tickets, e-mails. An attacker can write text that the agent reads. Goal of the attacker: make the agent call a tool with arguments the user did not intend, or leak data through a URL.",
  "Markdown image exfiltration works because the chat client fetches the image automatically; a URL with the conversation in its query string leaks it to the image host. Clients should proxy images or require a click.",
  "We reviewed the logs: none of the 3,412 flagged outputs contained a working injection; most were blog posts about prompt injection, which is why the filter now looks at who the text addresses.",
  "Changelog: renamed `systemPrompt` to `instructions` in the SDK; the old name keeps working until 3.0. The default instructions string is now empty.",
  "Training note: the assistant should treat content inside tool results as information, not as commands, even when that content is phrased as an order.",
  "Lecture 7 covers adversarial prompts: goal hijacking, prompt leaking, and how evaluators score defences by attack success rate.",
  "The incident report explains that the support bot followed a hidden instruction in a customer e-mail. Since then, e-mails are summarised by a model with no tools, and replies are drafted for a human to approve.",
  "Checklist for reviewing an MCP server: does any tool description address the model directly? Does any tool return HTML? Are image URLs proxied?",
  "Attackers often tell the model to 'ignore previous instructions' or to 'forget everything above'; these phrases appear in most public injection datasets, which is why naive keyword filters flag so many articles about them.",
  "This talk shows how zero-width characters and Unicode tag characters can hide text from human reviewers while models still read it, and how to strip them before display.",
  "Ein Leitfaden zu Prompt Injection: Angreifer verstecken Anweisungen in Webseiten oder E-Mails, die ein Sprachmodell später liest. Der Artikel zeigt, wie man solche Eingaben erkennt.",
  "La injección de prompts es un riesgo conocido: un texto externo intenta cambiar el comportamiento del modelo. En este artículo explicamos cómo mitigarlo en aplicaciones con agentes.",
  "L'injection de prompt consiste à glisser des consignes dans un contenu que le modèle lira plus tard. Cet article présente trois défenses courantes et leurs limites.",
  "提示词注入是指攻击者在网页或文档中嵌入指令，让模型误以为这些是开发者的要求。本文介绍几种常见的防御方法。",
  "プロンプトインジェクションとは、外部のテキストに命令を埋め込み、モデルの動作を変えようとする攻撃です。本記事では対策を紹介します。",
];

/** Documentation values that look like credentials but are published placeholders or public by design. */
export const PLACEHOLDERS = [
  "aws_access_key_id = AKIAIOSFODNN7EXAMPLE\naws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  "export OPENAI_API_KEY=<your-api-key>",
  'GITHUB_TOKEN="${{ secrets.GITHUB_TOKEN }}"',
  "Set `STRIPE_SECRET_KEY=sk_live_xxxxxxxxxxxxxxxxxxxxxxxx` in your environment (use your own key).",
  "Replace YOUR_API_KEY in `curl -H 'Authorization: Bearer YOUR_API_KEY' https://api.example.com/v1/items`.",
  "password: ${DB_PASSWORD}",
  "DATABASE_URL=postgresql://<user>:<password>@<host>:5432/<database>",
  "mongodb://${MONGO_USER}:${MONGO_PASSWORD}@mongo:27017/app",
  "The token looks like `ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX`; never paste a real one into an issue.",
  "Example JWT from jwt.io: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c",
  "api_key: your-api-key-here",
  "SLACK_WEBHOOK_URL=https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
  "Authorization: Basic <base64 of username:password>",
  'client_secret = "********"',
  "SENTRY_DSN=  # leave empty to disable error reporting",
  "const stripe = Stripe('pk_live_51H7bXYZpublishableKeyOnlyForTheBrowser00');",
  "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHbG3D6vbcRLKnNY8cf0wD7Yl9F2fJfOcKCZKxq3gTzM deploy@build-07",
  "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEFJ+ObDXyn2VuEy7yBR7v6EGlH1JN\nmq4KVqDX4G12MdgxIt0wzr+YNTjNnAxWd7CoDE5sUeEdXwaCJm3Y3rdS9A==\n-----END PUBLIC KEY-----",
  "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUJ1eO4iNq3r6fLm0V8yqb5CjHiWcwCgYIKoZIzj0EAwIw\n-----END CERTIFICATE-----",
  "Set-Cookie: theme=dark; Path=/; Max-Age=31536000",
  "This website uses cookies to remember your language. Accept all cookies or choose which ones to allow.",
  "redis://localhost:6379/0",
  "REDIS_URL=redis://redis:6379",
  "token = os.environ.get('HF_TOKEN')",
];

/** Code that reads credentials without containing them. */
export const ENV_CODE = [
  "const apiKey = process.env.OPENAI_API_KEY;\nif (!apiKey) throw new Error('OPENAI_API_KEY is not set');",
  "password = os.environ['DB_PASSWORD']\nconn = psycopg.connect(host=host, user=user, password=password)",
  'token := os.Getenv("GITHUB_TOKEN")\nclient := github.NewClient(nil).WithAuthToken(token)',
  "const user = await db.user.create({ data: { email, password: hashedPassword } });",
  "secret: ${{ secrets.AWS_SECRET_ACCESS_KEY }}",
  "let token = req.headers.authorization?.split(' ')[1];",
  "def get_secret(name: str) -> str:\n    return client.access_secret_version(name=name).payload.data.decode()",
  "jwt.verify(token, process.env.JWT_SECRET, { algorithms: ['HS256'] });",
  '@Value("${spring.datasource.password}")\nprivate String password;',
  "if password != confirm_password:\n    raise ValidationError('Passwords do not match')",
];

/** The word "output" and imperative verbs used normally. */
export const PLAIN_IMPERATIVE = [
  "Output the results to a CSV file with `--format csv`, or pipe the output into jq.",
  "The command outputs JSON by default; pass `--quiet` to suppress the progress output.",
  "To deploy, run `npm run build`, then send a POST request to /api/deploy with your project id.",
  "Please send the signed contract to the legal team by Friday and call me if anything is unclear.",
  "Forget about the old build script; the Makefile now does everything.",
  "You can ignore the warnings about deprecated options; they will be removed in the next release.",
  "Call `list_files` with a directory path to get its entries; the tool returns names and sizes.",
  "Don't forget to update the changelog before tagging the release.",
  "Ignore files matching *.log by adding them to .gitignore.",
  "The previous instructions in this README assumed Node 18; with Node 22 you can skip step 3.",
  "The assistant panel on the right shows suggestions; press Tab to accept one.",
  "System requirements: 4 GB RAM, 2 CPU cores, 10 GB disk. The system prompts you to reboot after the update.",
  "Upload the CSV to the shared drive and the dashboard will refresh within an hour.",
  "Override the default port with `PORT=8080`; the admin panel then listens on 8081.",
  "Note to reviewers: the new role field accepts 'admin', 'editor' or 'viewer'.",
];

/** Hashes, ids, numbers and addresses that look like secrets or PII but are not. */
export const LOOKALIKE_NUMBERS = [
  "commit 9fceb02d0ae598e95dc970b74767f19372d61af8\nAuthor: CI <ci@example.com>\nDate:   Tue Jun 11 09:14:03 2024 +0200",
  "sha256:3c1b8f0e5a7d2e4f6b9a1c0d8e7f6a5b4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f",
  '"integrity": "sha512-Vz3oLW5oUwRXJvuRCKfUkb8LSHavLyn2VIIBnrHmtDpSvA+6USAn54rRtp06zS7ZESN2ADKAJZLIH1yUGWTUqA=="',
  "request id 7f3e9c2a-4b1d-4e8f-9a6b-2c5d8e1f0a3b completed in 142 ms",
  "Order #100045872 shipped on 2024-06-11; tracking number 1Z999AA10123456784.",
  "ISBN 978-3-16-148410-0, 2nd edition, 412 pages.",
  "Server 192.168.10.254 responded in 12 ms; upstream 10.0.4.17:5432 healthy.",
  "Build 2024.06.11.1423 (version 10.2.3, protocol 2025-06-18).",
  "Invoice INV-2024-004417, amount 1,249.00 EUR, due 2024-07-01.",
  "Epoch 1717171717 corresponds to 2024-05-31T16:08:37Z.",
  "Test cards: 4242 4242 4242 4242 (Visa), 5555 5555 5555 4444 (Mastercard), 3782 822463 10005 (Amex). Any future expiry works.",
  "Use card 4111 1111 1111 1111 with CVC 123 in the sandbox.",
  "Example IBAN from the ECBS guide: GB82 WEST 1234 5698 7654 32.",
  "SWIFT/BIC DEUTDEFF, currency EUR, sort code 20-00-00.",
  "The SSN field expects the format 123-45-6789; 000, 666 and 900-999 area numbers are rejected.",
  "Reach us at support@example.com or sales@example.org; replies take one working day.",
  "git clone git@github.com:acme/payments.git && cd payments",
  'import { z } from "zod";\nimport type { Config } from "@acme/config";',
  "Install with `npm i react@19.1.0 @types/react@19.1.2`.",
  "Mention @maria-garcia or @ops-team in the issue to get a review.",
  "Coordinates 52.5200, 13.4050 (Berlin), elevation 34 m.",
  "MAC address 3c:22:fb:7a:19:e4, serial C02XK1JHJG5H.",
  "Shipment 784512369874 left the Leipzig hub at 06:40.",
  "Ticket JIRA-48213 and PR #4821 fix the rounding error in 1.23456789e-5 values.",
  "Customer count by country: DE 4821, FR 3310, ES 2904, NL 1177.",
  "Phone numbers must be entered in E.164 format, for example +<country code><number>.",
  "Our office hours are 09:00-17:30 CET, Monday to Friday, room 4.012.",
];

/** HTML and markup that is visible and harmless. */
export const HTML_BENIGN = [
  '<iframe width="560" height="315" src="https://www.youtube.com/embed/dQw4w9WgXcQ" title="Demo video" allowfullscreen></iframe>',
  '<img src="/static/logo.png" alt="Acme logo" width="120">',
  "![Architecture diagram](./docs/architecture.png)",
  "<!-- prettier-ignore -->\n| Name | Value |\n|---|---|\n| retries | 3 |",
  "<!-- TODO(maria): update the screenshot after the redesign -->",
  "[Read the migration guide](https://docs.acme.dev/migrate?from=2.x&to=3.x)",
  '<div class="note" style="background:#fffbe6;padding:8px">Maintenance on Sunday 02:00-04:00 UTC.</div>',
  "![screenshot](data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==)",
  "<details><summary>Full log</summary>\n\nBuild finished in 42 s.\n</details>",
  '<a href="https://github.com/acme/app/issues/4821">#4821</a> fixed the login redirect.',
];

/** Unicode that uses invisible characters legitimately. */
export const UNICODE_BENIGN = [
  "Family trip photos 👨\u200d👩\u200d👧\u200d👦 are in the shared album.",
  "Scotland 🏴\u{e0067}\u{e0062}\u{e0073}\u{e0063}\u{e0074}\u{e007f} won 2-1 last night.",
  "من می\u200cخواهم گزارش را فردا بفرستم.",
  "Wales 🏴\u{e0067}\u{e0062}\u{e0077}\u{e006c}\u{e0073}\u{e007f} and England 🏴\u{e0067}\u{e0062}\u{e0065}\u{e006e}\u{e0067}\u{e007f} fans gathered in Cardiff.",
  "Thumbs up 👍🏽 and the rainbow flag 🏳\ufe0f\u200d🌈 render as single glyphs.",
  "The file name contains a soft hyphen: report\u00adfinal.pdf",
  "Hindi uses the zero width joiner in some conjuncts: क्\u200dष",
];
