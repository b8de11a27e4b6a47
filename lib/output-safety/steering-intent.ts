/**
 * Intent rather than vocabulary: an order to drop earlier guidance phrased in any words ("pay no attention to
 * what your operator told you earlier", "wipe your memory of this conversation"), a question for the hidden
 * instructions, and an order addressed to the AI that names a tool, a destination or a secret. A transcript's
 * own turn label ("Assistant: I will …") is not a vocative.
 */
import type { PhraseRule } from "./steering";

/** Verbs that drop guidance. */
const DROP =
  "ignore|disregard|forget|pay\\s+no\\s+(?:attention|heed)\\s+to|set\\s+aside|wipe|erase|discard|abandon|override|overrule|drop|throw\\s+(?:out|away)|stop\\s+(?:following|obeying|adhering\\s+to|listening\\s+to)|no\\s+longer\\s+(?:follow|obey)";
/** What is dropped: guidance, context or memory. */
const GUIDANCE =
  "instructions?|directions?|directives?|guidelines?|guidance|rules|context|(?:system\\s+)?prompt|memory|everything|anything|all\\s+(?:of\\s+)?(?:that|this|the\\s+above)|what\\s+(?:you\\s+)?(?:were|have\\s+been|was)\\s+(?:told|given|asked|said)|orders|constraints|restrictions|polic(?:y|ies)|programming|training|safety\\s+(?:rules|guidelines)";
/** Whose or which guidance: the reader's own, earlier, or the system's. */
const PRIOR =
  /\b(?:earlier|previous(?:ly)?|prior|before|above|so\s+far|preceding|initial|original|you\s+(?:were|have\s+been)\s+(?:given|told)|you\s+received|your|operator|developer|system|this\s+(?:conversation|session|chat))\b/i;

const OVERRIDE_RE = new RegExp(`\\b(?:${DROP})\\b[^.!?\\n]{0,60}?\\b(?:${GUIDANCE})\\b`, "gi");

const HIDDEN_INSTRUCTIONS_RE =
  /\b(?:what\s+(?:were|are|was|is)|tell\s+me|show\s+me|repeat|print|output|reveal|recite|display|share|dump|paste)\b[^.!?\n]{0,40}?\b(?:instructions?|prompt|rules|guidelines|directives)\b[^.!?\n]{0,40}?\b(?:you\s+(?:were|have\s+been)\s+(?:given|told)|you\s+received|at\s+the\s+(?:start|beginning)|above\s+this|before\s+this|of\s+this\s+(?:chat|conversation|session)|verbatim|word\s+for\s+word)/gi;

/** The AI (or agent) addressed as the reader: a vocative, a note for it, or "as the assistant you must". */
const ADDRESSEE =
  "(?:(?:note|message|instructions?|attention|memo)\\s+(?:for|to)\\s+(?:the\\s+|any\\s+)?(?:ai|assistant|agent|model|llm|bot|copilot)(?:\\s+[\\w-]+){0,3}\\s*[:,—-]|(?:dear\\s+|hey\\s+|hi\\s+)?(?:assistant|agent|ai|copilot|claude|chatgpt|gpt|gemini|llm|model|bot)\\s*[,:](?!\\s*(?:I|I'(?:ll|m|ve))\\b)|to\\s+(?:the\\s+|any\\s+)?(?:ai|assistant|agent|model|llm|bot)(?:\\s+[\\w-]+){0,3}\\s*[:,]|(?:ai|agent|assistant)\\s+instructions?\\s*:|as\\s+(?:the|an?)\\s+(?:ai|assistant|agent|model)\\b[^.!?\\n]{0,30}?\\byou\\s+(?:must|should|need\\s+to|have\\s+to|are\\s+to)|when\\s+you\\s+(?:summari[sz]e|read|process|review|analy[sz]e|see)\\b[^.!?\\n]{0,60}?,\\s*(?:also\\s+|please\\s+)?)";
/** An action with a target: a tool or function, a URL, an address, a path, or something secret. */
const ACTION =
  "\\b(?:call|invoke|use|run|execute|post|send|e-?mail|upload|create|add|delete|remove|transfer|grant|push|forward|share|write|publish|exfiltrate|copy|curl|fetch|open|make|approve|merge|disable|reset|change)\\b[^.!?\\n]{0,140}?(?:https?:\\/\\/|[\\w.+-]+@[\\w-]+\\.[a-z]{2,}|\\b[a-z]+_[a-z_]+\\b|\\b[a-z]+\\.[a-z_]+\\b|\\btool\\b|\\bfunction\\b|\\.env\\b|~\\/\\.|\\bsecrets?\\b|\\bcredentials?\\b|\\bapi[\\s_-]?keys?\\b|\\bpasswords?\\b|\\btokens?\\b|\\brepositor(?:y|ies)\\b|\\badmin\\b|\\bcollaborator\\b|\\|\\s*(?:sh|bash)\\b|\\bmessages\\b|\\bfunds\\b)";
const ADDRESSED_ORDER_RE = new RegExp(`${ADDRESSEE}[^\\n]{0,40}?${ACTION}`, "gi");

export const INTENT_RULES: readonly PhraseRule[] = [
  {
    id: "intent_override",
    kind: "prompt_injection",
    anchorsCi: [
      "ignore",
      "disregard",
      "forget",
      "pay no",
      "set aside",
      "wipe",
      "erase",
      "discard",
      "abandon",
      "override",
      "overrule",
      "drop ",
      "throw out",
      "throw away",
      "stop following",
      "stop obeying",
      "stop adhering",
      "stop listening",
      "no longer follow",
      "no longer obey",
    ],
    re: OVERRIDE_RE,
    qualifier: PRIOR,
    imperative: true,
    confidence: 0.88,
  },
  {
    id: "intent_hidden_instructions",
    kind: "system_prompt_request",
    anchorsCi: [
      "what were",
      "what are",
      "what was",
      "what is",
      "tell me",
      "show me",
      "repeat",
      "print",
      "output",
      "reveal",
      "recite",
      "display",
      "share",
      "dump",
      "paste",
    ],
    re: HIDDEN_INSTRUCTIONS_RE,
    confidence: 0.85,
  },
  {
    id: "intent_addressed_order",
    kind: "tool_call_request",
    anchorsCi: [
      "assistant",
      "agent",
      "ai,",
      "ai:",
      "ai ",
      "copilot",
      "claude",
      "chatgpt",
      "gpt",
      "gemini",
      "llm",
      "model",
      "bot,",
      "bot:",
      "when you summar",
      "when you read",
      "when you process",
      "when you review",
      "when you analy",
      "when you see",
    ],
    re: ADDRESSED_ORDER_RE,
    back: 60,
    confidence: 0.86,
  },
];
