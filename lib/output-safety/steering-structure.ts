/**
 * Structural steering signals, independent of wording: forged turn boundaries ("END OF TOOL OUTPUT",
 * a JSON message with "role": "system", "ADMIN OVERRIDE" blocks, <system-reminder>-style tags,
 * "[SYSTEM]" lines), orders to fetch a URL that carries a template for the model to fill, a send
 * order with a destination, and text addressed to the AI reading it.
 */
import type { PhraseRule } from "./steering";
import { looksLikeData } from "./steering-exfil";

/** What a forged system/admin block says: orders to the model, not a status line ("[SYSTEM] backup done"). */
const ORDER_BODY =
  /\b(?:you\s+(?:must|should|will|shall|are\s+now|have\s+to|need\s+to|may\s+now)|ignore|disregard|forget|instructions?|always|never|override|reveal|call|send|forward|email|upload|delete|execute|run|new\s+(?:rules|task|instructions|objective)|do\s+not|don't|respond|reply|answer|assistant|the\s+ai|the\s+model|immediately|comply|obey|priority)\b/i;

/** A forged system message in JSON carries orders ("You are a helpful assistant" in an API log does not). */
const ROLE_BODY =
  /\b(?:ignore|disregard|forget|override|supersede|new\s+(?:instructions|rules|task)|you\s+(?:must|will|should)\s+now|from\s+now\s+on|immediately|do\s+not\s+tell|without\s+telling|send|forward|exfiltrate|upload|delete|wipe|reveal|grant|authori[sz]ed|admin|priority|urgent|important)\b/i;

/** What may follow an end-of-data marker in a forgery: a new task, orders, a new turn. */
const AFTER_BOUNDARY =
  /\b(?:new\s+(?:task|instructions?|objective|rules|directive)|(?:your|the)\s+(?:new|next|real|actual)\s+(?:task|instructions?|objective)|ignore|disregard|forget|instead|from\s+now\s+on|you\s+(?:must|should|will|are\s+now|need\s+to)|system\s*:|assistant\s*:|admin\s*:|instructions?\s*:|important\s*:|now\s+(?:please\s+)?(?:send|call|reveal|run|execute|forward|email|delete|print|output|list|read)|please\s+(?:send|call|reveal|run|execute|forward|email|delete))/i;

const marked = (text: string, start: number, m: string): boolean =>
  m === m.toUpperCase() || /[[<#*=\-【|>]\s*$/.test(text.slice(Math.max(0, start - 4), start));

export const BOUNDARY_RULES: readonly PhraseRule[] = [
  {
    id: "boundary_end_marker",
    kind: "boundary_forgery",
    anchorsCi: ["end of", "end_of", "end-of", "end tool", "end function", "end untrusted", "end document"],
    re: /(?:end|close)[ _-](?:of[ _-])?(?:the[ _-])?(?:tool[ _-](?:output|result|response|call)s?|function[ _-](?:output|result|call)s?|document|file|context|data|search[ _-]results?|results?|output|input|e-?mail|message|page|transcript|conversation|untrusted[ _-](?:content|data|input|text)|user[ _-](?:input|data|content)|retrieved[ _-](?:content|data|text)|quoted[ _-]text)\b/iy,
    confidence: (m, scan, end) => {
      const start = end - m.length;
      const text = scan.text;
      const lineStart = text.lastIndexOf("\n", start - 1) + 1;
      // A marker stands on its own line (after dashes, brackets, hashes), not in "unexpected end of input".
      if (!/^[\s\-=#*[<>()|_~]*$/.test(text.slice(lineStart, start))) return 0;
      if (AFTER_BOUNDARY.test(text.slice(end, end + 300))) return 0.85;
      return marked(text, start, m) ? 0.3 : 0;
    },
    sticky: true,
    back: 10,
    discussable: false,
  },
  {
    id: "boundary_new_task",
    kind: "boundary_forgery",
    anchorsCi: ["your new", "your real", "your actual", "your true", "new task", "new objective", "real task"],
    re: /\byour\s+(?:new|real|actual|true)\s+(?:task|objective|goal|mission|job|instructions?|orders)\s+(?:is|are|:)|\b(?:new|real|actual|revised|updated|priority)\s+(?:task|objective|mission)\s*[:：]/iy,
    confidence: (m) => (/^your/i.test(m) ? 0.6 : 0.35),
    sticky: true,
    back: 10,
  },
  {
    id: "boundary_role_json",
    kind: "boundary_forgery",
    anchorsCi: ['"role"', "'role'"],
    re: /["']role["']\s*:\s*["'](?:system|developer)["']/iy,
    confidence: (_m, scan, end) => {
      const around = scan.text.slice(Math.max(0, end - 300), end + 400);
      return /["']content["']\s*:/.test(around) && ROLE_BODY.test(around) ? 0.8 : 0.35;
    },
    sticky: true,
    back: 10,
    discussable: false,
  },
  {
    id: "boundary_override_block",
    kind: "boundary_forgery",
    anchorsCi: [
      "admin override",
      "administrator override",
      "system override",
      "security override",
      "developer override",
      "root override",
      "sudo override",
      "priority override",
      "emergency override",
      "operator override",
      "admin_override",
      "system_override",
      "admin directive",
      "system directive",
      "priority directive",
      "security directive",
      "admin instruction",
      "system instruction",
      "developer instruction",
      "operator instruction",
      "admin command",
      "system command",
      "root command",
      "admin message",
      "admin notice",
      "override:",
      "system notice",
      "system message",
      "system alert",
      "system update",
      "security notice",
      "security alert",
    ],
    re: /\b(?:admin(?:istrator)?|system|security|developer|root|sudo|priority|emergency|operator)[ \t_-]+(?:override|directive|instructions?|command|message|notice|alert|update)\b|\boverride\s*:/iy,
    confidence: (m, scan, end) => {
      const start = end - m.length;
      const text = scan.text;
      const isMarked = marked(text, start, m) || /^\s*(?:[:\]】>]|-{2,}|={2,}|\*\*)/.test(text.slice(end, end + 4));
      if (/^override\s*:/i.test(m))
        return /^[\s>#*-]*$/.test(text.slice(text.lastIndexOf("\n", start - 1) + 1, start)) ? 0.45 : 0;
      if (!isMarked) return /override/i.test(m) ? 0.35 : 0;
      if (/override/i.test(m)) return 0.8;
      return ORDER_BODY.test(text.slice(end, end + 240)) ? 0.8 : 0.3;
    },
    sticky: true,
    back: 10,
  },
  {
    id: "boundary_tag",
    kind: "boundary_forgery",
    anchorsCi: [
      "<system",
      "</system",
      "<important",
      "</important_",
      "<hidden",
      "<secret",
      "<developer",
      "</developer",
      "<admin_",
      "<admin-",
      "<priority",
      "<override",
      "<jailbreak",
      "<instruction",
      "</instruction",
      "<user_instruction",
      "<new_instruction",
      "<tool_",
      "</tool_",
      "<tool-",
      "</tool-",
      "<function_",
      "</function_",
      "<untrusted",
      "</untrusted",
      "<end_of",
      "<assistant_",
    ],
    re: /<\/?(?:system[-_]?(?:reminder|message|instructions?|note|notice|override|update|directive)|(?:important|admin|hidden|secret|developer|assistant|new|priority|override|user)[-_]?instructions?|developer[-_]message|instructions?|tool[-_](?:output|result|response|call)s?|function[-_](?:results?|output|calls?)|untrusted[-_][\w-]{1,30}|end[-_]of[-_][\w-]{1,30}|override|jailbreak)(?:\s[^<>\n]{0,100})?>/iy,
    confidence: (m, scan, end) => {
      // <instructions> also wraps recipes and install steps: it counts when what it wraps talks to a model.
      if (/^<\/?instructions?\b/i.test(m))
        return /\b(?:you|your|assistant|ai|model|agent|ignore|reply|respond|answer|summari[sz]e|say|tell|output|print|call|send|always|never|must|user|page|document|response)\b/i.test(
          scan.text.slice(end, end + 300),
        )
          ? 0.6
          : 0.25;
      if (/^<\/(?:tool|function)/i.test(m)) return 0.8;
      if (/^<(?:tool|function)/i.test(m)) return 0.45;
      return 0.85;
    },
    sticky: true,
    back: 5,
    discussable: false,
  },
  {
    id: "boundary_bracket_role",
    kind: "boundary_forgery",
    anchorsCi: ["[system", "[admin", "[developer", "[operator", "[instruction", "[sys]", "【system", "[assistant"],
    re: /\[\s*(?:system|sys|admin|administrator|developer|operator|instructions?|assistant)(?:[ _-](?:message|note|notice|prompt|override|instructions?))?(?:\s+(?:for|to)\s+(?:the\s+|any\s+|all\s+)?(?:ai|assistant|agent|model|llm|bot)s?)?\s*\]\s*:?[ \t]*([^\n]{0,200})/iy,
    confidence: (m, scan, end) => {
      const start = end - m.length;
      const before = scan.text.slice(scan.text.lastIndexOf("\n", start - 1) + 1, start);
      if (!/^[\s>#*-]*$/.test(before)) return 0;
      return ORDER_BODY.test(m.slice(m.indexOf("]") + 1)) ? 0.8 : 0;
    },
    sticky: true,
    back: 5,
    discussable: false,
  },
  {
    id: "exfil_fetch_template",
    kind: "data_exfiltration",
    imperative: true,
    anchorsCi: [
      "visit",
      "open ",
      "fetch",
      "load ",
      "navigate to",
      "go to",
      "browse to",
      "curl ",
      "wget ",
      "request ",
      "ping ",
    ],
    re: /\b(?:visit|open|fetch|load|navigate\s+to|go\s+to|browse\s+to|curl|wget|request|ping)\s+(?:-\S+\s+)*(?:the\s+)?(?:url\s+|link\s+|page\s+|address\s+)?[<`"']?(https?:\/\/[^\s<>"'`)\]]{1,2000})/iy,
    confidence: (m) => {
      const url = /https?:\/\/\S+/i.exec(m)?.[0] ?? "";
      const q = url.indexOf("?");
      if (q === -1) return 0;
      return url
        .slice(q + 1)
        .split("&")
        .some((pair) => looksLikeData(pair.slice(pair.indexOf("=") + 1)))
        ? 0.85
        : 0;
    },
    sticky: true,
    back: 5,
  },
  {
    id: "exfil_send_to_target",
    kind: "data_exfiltration",
    imperative: true,
    anchorsCi: ["send", "email", "e-mail", "upload", "forward", "transmit", "submit", "deliver", "exfiltrate", "leak"],
    re: /\b(?:send|email|e-mail|upload|forward|transmit|submit|deliver|exfiltrate|leak)\b[^\n.!?]{1,80}?\b(?:to|at)\s+(?:https?:\/\/|[\w.+-]+@[\w-]+\.\w)/iy,
    confidence: 0.45,
    sticky: true,
    back: 5,
  },
  {
    id: "exec_request",
    kind: "tool_call_request",
    imperative: true,
    anchorsCi: ["run ", "execute ", "exec ", "paste "],
    re: /\b(?:run|execute|exec|paste)\s+(?:this|these|the\s+following)\s+(?:shell\s+|bash\s+|terminal\s+)?(?:commands?|scripts?|code|one-liner)\b/iy,
    confidence: 0.35,
    sticky: true,
    back: 0,
  },
  {
    id: "remote_script",
    kind: "dangerous_command",
    anchorsCi: ["curl ", "wget ", "rm -rf", "rm -fr"],
    // Piping a download into a shell, or wiping a home/root directory: weak alone (install docs do the first).
    re: /\b(?:curl|wget)\s[^\n|;]{1,200}\|\s*(?:sudo\s+)?(?:ba|z)?sh\b|\brm\s+-(?:rf|fr)\s+(?:--no-preserve-root\s+)?(?:\/|~|\$HOME|\*|\.\.?\/?)(?=\s|$|["'`])/iy,
    confidence: 0.45,
    sticky: true,
    back: 0,
    discussable: false,
  },
  {
    id: "html_event_exfil",
    kind: "exfil_link",
    anchorsCi: ["onerror", "onload", "onmouseover", "onfocus", "onanimationstart", "onclick"],
    re: /on(?:error|load|mouseover|focus|animationstart|click)\s*=\s*["']?[^>]{0,300}?(?:fetch\s*\(|XMLHttpRequest|sendBeacon|document\.cookie|localStorage|(?:window\.|document\.)?location(?:\.href)?\s*=|\.src\s*=|new\s+Image)/iy,
    confidence: 0.8,
    sticky: true,
    back: 0,
    discussable: false,
  },
  {
    id: "assistant_must_now",
    kind: "model_addressing",
    anchorsCi: ["the assistant", "the ai ", "the model", "the agent", "the llm"],
    re: /the\s+(?:assistant|ai|model|agent|llm)\s+(?:must|should|shall|will|is\s+to|has\s+to)\s+now\b/iy,
    confidence: 0.45,
    sticky: true,
    back: 0,
  },
  {
    id: "role_no_longer",
    kind: "role_override",
    anchorsCi: ["you are", "you're", "do anything now"],
    re: /you(?:\s+are|'re|’re)\s+(?:no\s+longer\s+(?:an?\s+)?(?:chatgpt|claude|gpt|gemini|ai|assistant|bound|restricted|limited|an?\s+ai|an?\s+assistant)\b|(?:now\s+)?(?:dan|jailbroken|unrestricted|unfiltered|uncensored)\b|free\s+(?:from|of)\s+(?:all\s+|any\s+)?(?:restrictions|rules|guidelines|filters))|do\s+anything\s+now\b/iy,
    confidence: 0.85,
    sticky: true,
    back: 0,
  },
  {
    id: "without_restrictions",
    kind: "role_override",
    imperative: true,
    anchorsCi: ["answer", "respond", "reply", "act", "operate", "behave", "speak", "write"],
    re: /(?:answer|respond|reply|act|operate|behave|speak|write)\s+(?:freely\s+)?without\s+(?:any\s+)?(?:restrictions|filters|limits|limitations|rules|censorship|guidelines|safety\s+(?:rules|filters|guidelines))\b/iy,
    confidence: 0.7,
    sticky: true,
    back: 0,
  },
  {
    id: "covert_let_user",
    kind: "covert_instruction",
    anchorsCi: ["let the user", "let the human", "letting the user", "letting the human"],
    re: /let(?:ting)?\s+the\s+(?:user|human)\s+(?:know|see|notice|find\s+out|realize|realise)\b/iy,
    confidence: (m, scan, end) => {
      const before = scan.text.slice(Math.max(0, end - m.length - 24), end - m.length);
      // "don't let the user know" is an order; "we don't let the user know" describes a practice.
      if (/\b(?:we|i|they|he|she|it|who|that|which)\s+(?:do\s+not|don't|dont|never)\s*$/i.test(before)) return 0;
      return /(?:do\s+not|don't|dont|never|without)\s*$/i.test(before) ? 0.6 : 0;
    },
    sticky: true,
    back: 0,
  },
  {
    id: "instructions_for_ai",
    kind: "model_addressing",
    anchorsCi: ["instruction", "directive", "orders", "commands", "message for", "message to", "note for", "note to"],
    re: /(?:instructions?|directives?|orders|commands|message|note)\s+(?:to|for)\s+(?:the\s+|any\s+|all\s+)?(?:ai|llm|language\s+models?|assistants?|agents?|chatbots?|models?|ai\s+(?:models?|agents?|assistants?|systems?|coding\s+assistants?))\s*[:\]]/iy,
    confidence: 0.6,
    sticky: true,
    back: 0,
  },
  {
    id: "supersedes_prior",
    kind: "prompt_injection",
    anchorsCi: [
      "supersede",
      "overrides all",
      "overrides any",
      "overrides prior",
      "overrides previous",
      "takes precedence over",
    ],
    re: /(?:supersedes?|overrides|takes\s+precedence\s+over)\s+(?:all\s+|any\s+)?(?:prior|previous|earlier|other|your|existing)\s+(?:instructions|rules|directives|guidelines|prompts?)\b/iy,
    // "This guide supersedes previous instructions" is also documentation: strong only when an order follows.
    confidence: (_m, scan, end) =>
      /^\s*[:;,-]|^\s*\.\s*(?:you|now|from|reply|respond|answer)/i.test(scan.text.slice(end, end + 30)) ? 0.85 : 0.35,
    sticky: true,
    back: 0,
  },
  {
    id: "model_addressing_reader",
    kind: "model_addressing",
    anchorsCi: [
      "reading this",
      "processing this",
      "parsing this",
      "summarizing this",
      "summarising this",
      "analyzing this",
      "ingesting this",
      "browsing this",
      "crawling this",
    ],
    re: /\b(?:ai|llm|language\s+model|assistant|agent|chatbot|bot|model|gpt|claude)s?\s+(?:that\s+(?:is|are)\s+|who\s+(?:is|are)\s+|currently\s+)?(?:reading|processing|parsing|summari[sz]ing|analy[sz]ing|ingesting|browsing|crawling)\s+this\b/gi,
    confidence: 0.45,
    back: 60,
  },
];

export const BOUNDARY_KINDS: ReadonlyArray<[string, string]> = [
  [
    "dangerous_command",
    "A shell command that pipes a download into a shell or wipes a root/home directory (weak alone: install docs do the first)",
  ],
  [
    "boundary_forgery",
    'Forged turn boundaries: "END OF TOOL OUTPUT" followed by orders, a JSON "role": "system" message, ADMIN OVERRIDE blocks, <system-reminder>/<instructions> tags, [SYSTEM] lines with orders',
  ],
  [
    "data_exfiltration",
    "An order to send secrets or the conversation somewhere (strong with a URL/e-mail/webhook), or to fetch a URL whose query is a template for the model to fill (25 languages)",
  ],
];
