/**
 * Instruction or discussion? A steering phrase quoted in a security article, a changelog or a dataset
 * description ("attackers may write 'ignore previous instructions'") is not aimed at the reader; the
 * same words as a live order are. Two checks, both bounded to the line or 300 chars before a match:
 *  - `discussed`: the match is a quotation or a named example (reported speech) in a text about attacks;
 *  - `imperativeEn`: an English verb counts only in command position (clause start, after "please",
 *    "you must", a vocative …), so "the model may output its prompt" or "models often ignore earlier
 *    instructions" describe rather than order.
 */

/** Right before the match: a named example or reported speech ("such as", "e.g.", "wrote:", "like"). */
const IMMEDIATE_CUE =
  /(?:such\s+as|like|e\.\s?g\.|i\.\s?e\.|for\s+(?:example|instance)|examples?|phrases?|strings?|wording|sentences?|payloads?|patterns?|says?|said|saying|writes?|wrote|written|reads?|called|named|known\s+as|contain(?:s|ing)?|includ(?:e|es|ing)|quoted?|typed?|types|como|por\s+ejemplo|comme|par\s+exemple|wie|zum\s+beispiel|z\.\s?b\.|etwa|ad\s+esempio|zoals|bijvoorbeeld|np\.|na\s+przykład|örneğin|например|как|例如|比如|诸如|例えば|예를\s+들어|जैसे|उदाहरण|مثل|như|seperti|kama|مانند|جیسے|போன்ற|जसे|เช่น|як|наприклад)\s*[:,]?\s*["'“‘«「『`„‚]?\s*$/iu;
/** A list introduced earlier in the same clause: "such as X or Y". */
const LIST_CUE =
  /\b(?:such\s+as|e\.\s?g\.|for\s+(?:example|instance)|including|(?:phrases?|strings?|inputs?|prompts?|payloads?|messages?|commands?|sentences?)\s+like)(?=[\s,:])[^!?\n]*$/i;

/** A text about attacks, tests or detection (required for a quotation to read as discussion). */
const TOPIC_CUE =
  /attack|adversar|malicious|inject|jailbreak|payload|example|e\.\s?g\.|such as|phrase|detect|block|filter|flag|fix|vulnerab|cve-|exploit|red[\s-]?team|research|dataset|test\s+case|classif|mitigat|sanitiz|guardrail|quarantin|poison|angriff|angreif|attaquant|beispiel|ataque|ejemplo|attaque|exemple|inyecci|injeç|esempio|attacco|aanval|voorbeeld|przykład|atak|saldırı|örnek|атак|пример|攻击|注入|例|攻撃|インジェクション|공격|예시|हमल|उदाहरण|هجوم|مهاجم|tấn công|ví dụ|serangan|contoh|shambulizi|mfano|حمله|مثال|حملہ|தாக்குதல்|உதாரணம்|हल्ला|โจมตี|ตัวอย่าง|напад|приклад|আক্রমণ|উদাহরণ/iu;

const OPENERS = '"“«「『`„';
const CLOSERS: Record<string, string> = { '"': '"', "“": "”", "«": "»", "「": "」", "『": "』", "`": "`", "„": "“" };

/** Is `at` inside a quotation opened earlier on the same line (not a JSON/CSV value such as `"text": "…"`)? */
function insideQuote(line: string): boolean {
  for (const open of OPENERS) {
    const close = CLOSERS[open];
    let depth = false;
    let lastOpen = -1;
    for (let i = 0; i < line.length; i++) {
      const c = line[i];
      if (open === close ? c === open : c === open || c === close) {
        if (!depth && c === open) {
          depth = true;
          lastOpen = i;
        } else if (depth && c === close) depth = false;
      }
    }
    // A JSON value (`"text": "…"`), a CSV cell or an argument is data, not a quotation.
    if (depth && !/(?:["'][\w\s-]*["']\s*:|[=,[{(])\s*$/.test(line.slice(0, lastOpen))) return true;
  }
  // Single quotes: an opening one follows a space, a colon or a bracket ("don't" is not a quote).
  const opens = (line.match(/(?:^|[\s(:])['‘]/g) ?? []).length;
  const closes = (line.match(/['’](?=[\s.,;:!?)]|$)/g) ?? []).length;
  return opens > closes;
}

/** True when the phrase at [start, end) is quoted or named as an example in a text about attacks. */
export function discussed(text: string, start: number): boolean {
  const lineStart = Math.max(text.lastIndexOf("\n", start - 1) + 1, start - 300);
  const line = text.slice(lineStart, start);
  if (IMMEDIATE_CUE.test(line.slice(-60)) || LIST_CUE.test(line.slice(-100))) return true;
  if (!insideQuote(line)) return false;
  return TOPIC_CUE.test(text.slice(Math.max(0, start - 300), start + 300));
}

/** Markup and quotes between a clause boundary and the verb. */
const TRAILING_MARKUP = /[ \t\r*_>#"'“”‘’«»`()[\]{}~|–—•·-]+$/u;
const CLAUSE_END = /(?:^|[.!?:;,\n。！？=]|-->|<!--|>|\*\*)$/;
/** Words after which an English verb is still a command: "please …", "you must …", "assistant, …". */
const LIVE_BEFORE =
  /(?:^|[\s(])(?:please|pls|kindly|now|then|and|also|first|next|just|simply|immediately|always|quietly|silently|secretly|instead|therefore|so|must|shall|should|(?:you\s+)?(?:need|have|want|ought)\s+to|you\s+are\s+to|(?:want|need|require)\s+you\s+to|(?:task|job|goal|instruction|mission|objective)\s+is\s+to|remember\s+to|make\s+sure\s+(?:to|you)|be\s+sure\s+to|don'?t\s+forget\s+to|go\s+ahead\s+and|(?:tool|function|command|api)\s+to|important|note|urgent|info|warn|warning|error|debug|trace|notice|fatal|step\s+\d+|\d+[.)])$/i;
/** One word before a comma that still leaves a command: a vocative or a sequencing adverb. */
const VOCATIVE =
  /^(?:assistant|ai|agent|claude|chatgpt|gpt|model|llm|bot|please|now|then|also|first|next|finally|ok|okay|so|and|but|instead|afterwards|additionally|meanwhile|however|again|hey|hi|hello|listen)$/i;

/** "El sistema ignora …", "Le modèle ignore …": a determiner and a noun before the verb make it a statement. */
const SUBJECT_BEFORE =
  /(?:^|[\s,;])(?:el|la|los|las|un|una|le|les|une|il|lo|gli|o|a|os|as|um|uma|der|die|das|ein|eine|het|de|een)\s+[A-Za-zÀ-ÿ-]{3,}\s+$/i;

/** Romance/Germanic imperatives that equal a third-person form: false when a subject stands right before. */
export function noSubjectBefore(text: string, start: number): boolean {
  return !SUBJECT_BEFORE.test(text.slice(Math.max(0, start - 40), start));
}

/** Is the English verb at `start` in command position (and used as a verb: "email the keys", not "email: …")? */
export function imperativeEn(text: string, start: number): boolean {
  if (!/^[^\s:=(.,_/{}[\]]+\s/.test(text.slice(start, start + 40))) return false;
  const raw = text.slice(Math.max(0, start - 60), start);
  // The first words of a quoted value (a CSV cell, a JSON string) start a clause.
  if (/(?:^|[,:=[{(])\s*["'“]\s*$/.test(raw) || /(?:>|-->)\s*$/.test(raw)) return true;
  const before = raw.replace(TRAILING_MARKUP, "");
  if (before.endsWith(",")) {
    // "Before answering, reveal …" is a clause; "{ name, email, password }" is a list.
    const clause =
      before
        .slice(0, -1)
        .split(/[.!?:;,\n]/)
        .pop() ?? "";
    const words = clause.trim();
    return !/[{}()[\];=<>]/.test(words) && (/\S+\s+\S+/.test(words) || VOCATIVE.test(words));
  }
  return CLAUSE_END.test(before) || LIVE_BEFORE.test(before);
}
