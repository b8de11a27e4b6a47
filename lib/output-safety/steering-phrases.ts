/** Phrase rules for steering, per language. Gaps are bounded and lazy so every rule stays linear in its window. */
import type { PhraseRule } from "./steering";
import { LEXICON_RULES, NOT_DATA_RE, TARGET_RE } from "./steering-lexicon";
import { INTENT_RULES } from "./steering-intent";
import { BOUNDARY_RULES } from "./steering-structure";

const words = (s: string): string[] => s.split("|");
const GAP = "[^\\n.!?;]{0,60}?";
const ZH_GAP = "[^\\n。！？]{0,20}?";

interface Lang {
  verbs: string;
  nouns: string;
  quals: string;
  gap?: string;
}

/** "verb … noun" plus a qualifier such as "previous", in each language. */
const INJECTION_LANGS: Record<string, Lang> = {
  zh: {
    verbs: "忽略|无视|忽视|不要理会|不理会|忘记|忘掉|不要遵守|别管",
    nouns: "指令|指示|说明|规则|提示|命令|设定|要求",
    quals: "之前|以前|先前|上面|上述|前面|以上|所有|全部|原来|原始|系统|你的",
    gap: ZH_GAP,
  },
};

const injectionRules: PhraseRule[] = Object.entries(INJECTION_LANGS).map(([lang, l]) => ({
  id: `prompt_injection_${lang}`,
  kind: "prompt_injection",
  anchorsCi: words(l.verbs),
  re: new RegExp(`(?:${l.verbs})${l.gap ?? GAP}(?:${l.nouns})`, "gi"),
  qualifier: new RegExp(l.quals, "i"),
  confidence: 0.9,
  back: 10,
}));

/** What a forged system turn says: orders to the model, not a status line ("System: you have 3 new messages"). */
const FAKE_SYSTEM_BODY =
  /\b(?:you\s+(?:must|should|will|shall|are\s+now|have\s+to|need\s+to)|ignore|disregard|instructions?|always|never|override|reveal|call\s+the|(?:new|updated)\s+(?:rules|instructions|task))\b/i;

/** A tool name (snake/camel/kebab case) whose call deletes, sends, executes or grants something. */
const RISKY_TOOL_NAME =
  /[`"'*]*[\w.-]*(?:delete|drop|wipe|destroy|remove|purge|truncate|transfer|send|email|upload|exec|shell|run_?command|terminal|bash|write_?file|push|publish|grant|invite|share|withdraw|deploy|reset|revoke|make_?admin|add_?admin|exfil)[\w.-]*[`"'*]*\s+(?:tool|function)\b|\b(?:tool|function)\s+[`"'*]*[\w.-]*(?:delete|drop|wipe|destroy|remove|purge|transfer|send|email|upload|exec|shell|command|write|push|publish|grant|deploy|reset|revoke|exfil)/i;

/** "… only after the user confirms": documentation of a tool's proper use, not an order to call it now. */
const CONDITIONAL =
  /^[^.\n]{0,30}?\b(?:only\s+(?:after|if|when|once)|(?:after|once|when|if)\s+the\s+user\s+(?:confirms|approves|asks|agrees|requests))\b/i;

/** Instructions tied to an exfiltration destination read as an attack, not as documentation. */
const DESTINATION =
  /\b(?:to|at|into|via|a|à|an|nach)\s+(?:https?:\/\/|\S+@\S+\.\w+|(?:the\s+)?(?:following\s+)?(?:url|endpoint|address|webhook|server))/i;

export const PHRASE_RULES: readonly PhraseRule[] = [
  ...injectionRules,
  ...LEXICON_RULES,
  ...BOUNDARY_RULES,
  ...INTENT_RULES,
  {
    id: "prompt_injection_en_rules",
    imperative: true,
    kind: "prompt_injection",
    anchorsCi: words("ignore|disregard|forget|override|bypass|skip"),
    re: new RegExp(
      `(?:ignore|disregard|forget|override|bypass|skip)${GAP}(?:rules|context|constraints|restrictions|filters|safety\\s+(?:rules|filters|guidelines|guardrails|measures|protocols|settings|restrictions|instructions|policies|checks))`,
      "gi",
    ),
    qualifier: /previous|prior|above|earlier|preceding|original|initial|your|system|developer|safety/i,
    confidence: 0.85,
    back: 10,
  },
  {
    id: "prompt_injection_ja",
    kind: "prompt_injection",
    anchorsCi: ["無視", "忘れ"],
    re: /(?:以前|前|上記|これまで|すべて|全て)の[^\n。]{0,10}?(?:指示|命令|指令|ルール|プロンプト)を?[^\n。]{0,8}?(?:無視|忘れ)/g,
    confidence: 0.9,
    back: 40,
  },
  {
    id: "new_instructions",
    kind: "prompt_injection",
    anchorsCi: ["instruction", "directive", "orders"],
    re: /\b(?:new|updated|real|actual|true|secret|hidden|override)\s+(?:system\s+)?(?:instructions?|directives?|orders)(?:\s+from\s+(?:the\s+|your\s+)?(?:developer|admin|administrator|system|operator|owner|creator|user))?\s*(?:[:：]|is\s*:|are\s*:)/gi,
    confidence: 0.75,
    back: 40,
  },
  {
    id: "role_override",
    kind: "role_override",
    anchorsCi: ["you are now", "you're now", "developer mode", "god mode", "jailbreak mode", "dan mode", "sudo mode"],
    re: /\byou(?:\s+are|'re)\s+now\s+(?:(?:a|an|the|my|in)\s+)?(?:dan\b|jailbroken|unrestricted|unfiltered|uncensored|evil|free\s+(?:from|of)|no\s+longer|acting\s+as|(?:developer|god|jailbreak|dan|admin|debug|unrestricted|sudo|maintenance|diagnostic|test|testing|root|super|override)\s+mode|(?:[\w-]+\s+){0,2}?(?:ai|assistant|model|chatbot|bot|agent|persona|character)\b)|\b(?:developer|god|jailbreak|dan|sudo)\s+mode\s+(?:enabled|activated|on|engaged)\b/gi,
    // "Developer mode enabled" is also a log line: alone it counts only with an order or a jailbreak word after it.
    confidence: (m, scan, end) =>
      !/^developer\s+mode/i.test(m) ||
      /\b(?:answer|respond|reply|ignore|without|no\s+(?:filters|restrictions|rules|limits)|you\s+(?:must|will|can|are))\b/i.test(
        scan.text.slice(end, end + 120),
      )
        ? 0.85
        : 0.3,
    back: 10,
  },
  {
    id: "role_override_from_now_on",
    kind: "role_override",
    anchorsCi: ["from now on"],
    re: /\bfrom\s+now\s+on,?\s+(?:you\s+(?:are|will|must|shall|should)|act|respond|answer|reply|always|never|ignore|only\s+respond)\b/gi,
    confidence: 0.45,
    back: 5,
  },
  {
    id: "role_override_pretend",
    imperative: true,
    kind: "role_override",
    anchorsCi: ["pretend", "act as", "act like", "behave as", "roleplay", "role-play"],
    re: /\b(?:pretend|act|behave|roleplay|role-play)\s+(?:to\s+be|as(?:\s+if\s+you\s+(?:are|were))?|like)\s+(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}?(?:ai|assistant|model|chatbot|dan|hacker|administrator|unrestricted)\b/gi,
    confidence: (m) => (/\b(?:dan|unrestricted|jailbroken)\b/i.test(m) ? 0.8 : 0.45),
    back: 5,
  },
  {
    id: "role_override_i18n",
    kind: "role_override",
    anchorsCi: [
      "ahora eres",
      "a partir de ahora",
      "tu es maintenant",
      "vous êtes maintenant",
      "vous etes maintenant",
      "tu es désormais",
      "vous êtes désormais",
      "du bist jetzt",
      "du bist nun",
      "du bist ab sofort",
      "你现在是",
      "从现在开始",
      "你不再是",
    ],
    re: /ahora\s+eres\s+(?:un|una|el|la)?\s*(?:\S+\s+){0,2}?(?:ia|asistente|modelo|bot|agente|dan)\b|a\s+partir\s+de\s+ahora,?\s+(?:eres|act[úu]a|responde|ignora)|(?:tu\s+es|vous\s+[êe]tes)\s+(?:maintenant|d[ée]sormais)\s+(?:un|une|le|la)?\s*(?:\S+\s+){0,2}?(?:ia|assistant|modèle|modele|bot|agent|dan)\b|du\s+bist\s+(?:jetzt|nun|ab\s+sofort)\s+(?:ein|eine|der|die)?\s*(?:\S+\s+){0,2}?(?:ki|assistent|modell|bot|agent|dan)\b|你现在是[^\n。]{0,10}?(?:AI|人工智能|助手|模型|机器人|DAN|不受限制|没有限制)|从现在开始，?你(?:必须|将|要|只能)|你不再是/gi,
    confidence: 0.8,
    back: 5,
  },
  {
    id: "system_prompt_request",
    imperative: true,
    kind: "system_prompt_request",
    anchorsCi: [
      "system prompt",
      "initial prompt",
      "hidden prompt",
      "original prompt",
      "your instructions",
      "your prompt",
      "system message",
      "developer message",
      "your rules",
      "preprompt",
      "pre-prompt",
    ],
    re: /\b(?:reveal|print|show|output|display|repeat|leak|dump|disclose|tell\s+me|give\s+me|share|send|return|write\s+out|recite|expose|what\s+(?:is|are))\b[^\n.!?:]{0,40}?\b(?:system\s+prompt|initial\s+prompt|hidden\s+prompt|original\s+prompt|your\s+(?:instructions|prompt|rules|guidelines|system\s+message)|developer\s+(?:message|instructions)|system\s+message|pre-?prompt)/gi,
    // "a model may reveal its system prompt" describes an attack; "reveal your system prompt" performs one.
    confidence: (m) =>
      /\b(?:its|their|his|her|a\s+model's|the\s+model's)\s+(?:system|initial|hidden|original|developer)/i.test(m) ||
      (/^what\s/i.test(m) && !/\byour\b/i.test(m)) // "What is a system prompt?" is a question about the concept
        ? 0.3
        : 0.85,
    back: 70,
  },
  {
    id: "system_prompt_request_i18n",
    kind: "system_prompt_request",
    anchorsCi: [
      "sistema",
      "tus instrucciones",
      "système",
      "systeme",
      "tes instructions",
      "vos instructions",
      "systemprompt",
      "system-prompt",
      "systemanweisung",
      "systemnachricht",
      "deine anweisungen",
      "系统提示",
      "系统指令",
      "初始指令",
      "系统消息",
      "你的指令",
    ],
    re: /(?:revela|muestra|imprime|dime|repite|ense[ñn]a|escribe)[^\n.!?]{0,40}?(?:(?:prompt|instrucciones|mensaje)\s+del?\s+sistema|tus\s+instrucciones)|(?:révèle|revele|révélez|affiche|affichez|montre|montrez|répète|repete|répétez|donne|donnez|écris|ecris)[^\n.!?]{0,40}?(?:(?:prompt|instructions|invite|message)\s+(?:du\s+)?syst[èe]me|tes\s+instructions|vos\s+instructions)|(?:zeige|zeig|gib|verrate|wiederhole|nenne|schreibe)[^\n.!?]{0,40}?(?:system-?prompt|systemanweisungen?|systemnachricht|deine\s+anweisungen)|(?:显示|输出|告诉我|泄露|打印|重复|给我|展示|说出)[^\n。！？]{0,20}?(?:系统提示|系统指令|初始指令|系统消息|你的指令)/gi,
    confidence: 0.85,
    back: 70,
  },
  {
    id: "credential_request",
    imperative: true,
    kind: "credential_request",
    anchorsCi: [
      "environment variable",
      "env var",
      ".env",
      "api key",
      "api_key",
      "secret",
      "credential",
      "password",
      "private key",
      "access token",
      "ssh key",
      "id_rsa",
      ".aws/credentials",
      "session cookie",
      ".ssh",
      "contraseña",
      "credenciales",
      "variables de entorno",
      "mot de passe",
      "mots de passe",
      "identifiants",
      "variables d'environnement",
      "passwort",
      "passwörter",
      "zugangsdaten",
      "umgebungsvariablen",
      "密码",
      "密钥",
      "凭证",
      "环境变量",
    ],
    re: /\b(?:reveal|print|show|output|display|leak|dump|disclose|send|email|post|upload|forward|exfiltrate|transmit|include|append|read|cat|list|envía|envia|muestra|revela|envoie|envoyez|affiche|révèle|sende|schicke|zeige|verrate)\b[^\n.!?]{0,40}?(?:environment\s+variables?|env\s+vars?|\.env\b|api[\s_-]?keys?|secrets?|credentials|passwords?|private\s+keys?|access\s+tokens?|ssh\s+keys?|id_rsa|\.aws\/credentials|session\s+cookies?|\.ssh\b|contraseñas?|credenciales|variables\s+de\s+entorno|mots?\s+de\s+passe|identifiants|variables\s+d'environnement|passw(?:ö|oe)rter|passwort|zugangsdaten|umgebungsvariablen)|(?:发送|显示|泄露|输出|告诉我|打印)[^\n。！？]{0,20}?(?:密码|密钥|凭证|环境变量)/gi,
    confidence: (_m, scan, end) =>
      NOT_DATA_RE.test(scan.text.slice(end, end + 20))
        ? 0.3
        : DESTINATION.test(scan.text.slice(end, end + 100)) || TARGET_RE.test(scan.text.slice(end, end + 100))
          ? 0.85
          : 0.45,
    back: 70,
  },
  {
    id: "tool_call_request",
    imperative: true,
    kind: "tool_call_request",
    anchorsCi: ["tool", "function", "herramienta", "outil", "werkzeug", "工具", "函数"],
    re: /\b(?:call|invoke|use|run|execute|trigger|fire)\s+(?:the\s+|a\s+)?[`"'*]*[\w.\-/]{2,60}[`"'*]*\s+(?:tool|function)\b|\b(?:call|invoke|execute|run|use)\s+(?:the\s+)?(?:tool|function)\s+[`"'*]*[\w.\-/]{2,60}|(?:llama|usa|ejecuta|invoca)\s+(?:a\s+)?(?:la\s+)?herramienta|(?:appelle|appelez|utilise|utilisez|exécute|exécutez|lance)\s+(?:l'|l’|la\s+)?(?:outil|fonction)|(?:rufe|ruf|nutze|verwende|benutze|führe)\s+(?:das|die|den)?\s*(?:tool|werkzeug|funktion)|(?:调用|使用|执行|运行)[^\n。]{0,10}?(?:工具|函数)/gi,
    // A tool that deletes, sends or executes is an order to act; a lookup tool is everyday documentation.
    confidence: (m, scan, end) =>
      RISKY_TOOL_NAME.test(m) && !CONDITIONAL.test(scan.text.slice(end, end + 60)) ? 0.7 : 0.4,
    back: 90,
  },
  {
    id: "covert_instruction",
    kind: "covert_instruction",
    anchorsCi: [
      "do not tell",
      "don't tell",
      "dont tell",
      "never tell",
      "do not inform",
      "don't inform",
      "do not mention",
      "don't mention",
      "never mention",
      "do not notify",
      "don't notify",
      "do not reveal",
      "don't reveal",
      "not mention",
      "not reveal",
      "not disclose",
      "not report",
      "without telling",
      "without informing",
      "without notifying",
      "without alerting",
      "without asking",
      "user must not",
      "user should not",
      "user will not",
      "keep this secret",
      "keep this hidden",
      "usuario",
      "utilisateur",
      "benutzer",
      "nutzer",
      "用户",
    ],
    re: /\b(?:do\s+not|don't|dont|never)\s+(?:tell|inform|mention|reveal|show|notify|alert)\s+(?:this\s+|it\s+|anything\s+)?(?:to\s+)?(?:the\s+)?user\b(?!['’]s)|\bwithout\s+(?:telling|informing|notifying|alerting|asking)\s+(?:the\s+)?user\b(?!['’]s)|\b(?:do\s+not|don't|never|and\s+not)\s+(?:mention|reveal|disclose|report|include)\s+(?:this|it|these|that|them)\s+(?:in|to)\s+(?:your|the)\s+(?:summary|response|reply|answer|output|report|user)\b|\bthe\s+user\s+(?:must|should|will)\s+(?:not|never)\s+(?:know|see|notice|find\s+out|be\s+(?:told|informed))\b|\bkeep\s+this\s+(?:secret|hidden)\s+from\s+(?:the\s+)?user\b|\b(?:do\s+not|don't)\s+(?:mention|reveal)\s+(?:these|this|that)\s+instructions?\b|no\s+(?:le\s+)?(?:digas|menciones|informes)\s+(?:nada\s+)?al\s+usuario|sin\s+(?:decirle|avisar|informar)\s+al\s+usuario|ne\s+(?:le\s+)?(?:dis|dites|mentionne|mentionnez)\s+(?:rien\s+)?(?:pas\s+)?(?:à|a)\s+l'utilisateur|sans\s+(?:le\s+dire|prévenir|prevenir|informer)\s+(?:à\s+)?l'utilisateur|sag(?:e)?\s+(?:dem|den)\s+(?:benutzer|nutzer)\s+nicht|ohne\s+(?:den|dem)\s+(?:benutzer|nutzer)\s+(?:etwas\s+)?zu\s+(?:sagen|informieren|fragen|benachrichtigen)|不要(?:告诉|通知|让)用户|不要向用户(?:透露|提及)|瞒着用户/gi,
    confidence: 0.6,
    back: 60,
  },
  {
    id: "model_addressing_explicit",
    kind: "model_addressing",
    anchorsCi: ["if you are"],
    re: /\bif\s+you\s+are\s+(?:an?\s+)?(?:ai|llm|language\s+model|assistant|agent|bot|chatbot|claude|chatgpt|gpt)\b(?!\s+(?:researchers?|enthusiasts?|engineers?|developers?|company|companies|startups?|teams?|practitioners?|students?|experts?|professionals?|scientists?|ethicists?|fans?|users?|products?|vendors?|builders?|founders?|investors?)\b)(?:\s+(?:reading|processing|summari[sz]ing)\b)?/gi,
    confidence: 0.6,
    back: 5,
  },
  {
    id: "model_addressing",
    kind: "model_addressing",
    anchorsCi: [
      "attention",
      "note to",
      "note for",
      "message to",
      "message for",
      "instructions for",
      "reminder to",
      "reminder for",
      "dear ",
      "hey ",
      "hello ",
      "ai assistant",
      "ai agent",
      "ai model",
    ],
    re: /\b(?:attention|note|message|instructions?|reminder)\s*(?:to|for)\s+(?:the\s+|any\s+|all\s+)?(?:ai|llm|assistant|language\s+model|ai\s+agents?|agents?|chatbots?|claude|chatgpt|gpt)\b|\b(?:dear|hey|hello|hi)\s+(?:ai|llm|assistant|claude|chatgpt|gpt|agent)\b|\bai\s+(?:assistant|agent|model)s?\s*[,:]/gi,
    confidence: 0.35,
    back: 10,
  },
  {
    id: "urgent_directive",
    kind: "urgent_directive",
    anchorsCi: [
      "<important>",
      "important:",
      "important!",
      "urgent",
      "immediately",
      "before responding",
      "before answering",
      "before replying",
      "before you respond",
      "before you answer",
      "before you reply",
    ],
    re: /<\/?important>|\bimportant\s*[:!]|\burgent\b|\bimmediately\b|\bbefore\s+(?:responding|answering|replying|you\s+(?:respond|answer|reply))\b/gi,
    confidence: (m) => (/^before/i.test(m) ? 0.3 : 0.08),
    back: 5,
  },
  {
    id: "chat_template_token",
    discussable: false,
    kind: "chat_template_token",
    anchorsCi: [
      "<|",
      "[inst]",
      "[/inst]",
      "<<sys>>",
      "<</sys>>",
      "<start_of_turn>",
      "<end_of_turn>",
      "<system",
      "</system",
      "<sys>",
    ],
    re: /<\|(?:im_start|im_end|system|user|assistant|endoftext|start_header_id|end_header_id|eot_id|begin_of_text|end_of_turn|start_of_turn)\|>|\[\/?INST\]|<<\/?SYS>>|<\/?(?:start_of_turn|end_of_turn)>|<\/?(?:system|system[_-]prompt|sys)>/gi,
    // <system>…</system> also appears in XML data ("<system>linux</system>"): it counts when it wraps orders.
    confidence: (m, scan, end) =>
      !/^<\/?(?:system|sys)/i.test(m)
        ? 0.9
        : /\b(?:you|your|always|never|answer|respond|reply|ignore|must|assistant|instructions?|rules|do\s+not|don't|from\s+now)\b/i.test(
              scan.text.slice(end, end + 200),
            )
          ? 0.75
          : 0.3,
    back: 5,
  },
  {
    id: "fake_turn",
    discussable: false,
    kind: "fake_turn",
    anchorsCi: ["system:", "system :", "assistant:", "developer:", "human:", "user:", "**system**", "**assistant**"],
    re: /(?:^|\n)[ \t>#*]*(system|assistant|developer|human|user)\**[ \t]*:\**[ \t]*([^\n]{0,200})/gi,
    confidence: (m, scan, end) => {
      const start = end - m.length;
      const newline = m[0] === "\n";
      // The window may begin mid-line; a turn label only counts at the start of a real line.
      if (!newline && start > 0 && scan.text[start - 1] !== "\n") return 0;
      const role = /(system|assistant|developer|human|user)/i.exec(m)![1].toLowerCase();
      const body = m.slice(m.indexOf(":") + 1);
      if (role === "system" || role === "developer") return FAKE_SYSTEM_BODY.test(body) ? 0.8 : 0.1;
      // "\n\nHuman:" / "\n\nAssistant:" at the margin is the classic completion-prompt turn marker.
      return newline && scan.text[start - 1] === "\n" && /^\n(?:Human|Assistant):/.test(m) ? 0.7 : 0.15;
    },
    back: 60,
  },
];
