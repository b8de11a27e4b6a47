/** Secrets named by their field: `password=…`, `"api_key": "…"`, `Authorization: Bearer …`, and JSON values under such keys. */
import { classifyFieldName, emit, type FieldClass } from "./context";
import { charClasses, isNonValue, isPlaceholder, shannonEntropy } from "./entropy";
import type { Detector, ScanContext } from "./types";

const IDENT_CHAR = /[A-Za-z0-9_.-]/;
/** `=`, `:`, `:=`, `=>` — but not `==`, `===`, `::`. */
const SEPARATOR_RE = /(?:\\?["'`])?[ \t]*(?::=|=>|=(?!=)|:(?!:))[ \t]*(\\?["'`])?/y;
const COOKIE_HEADER = /^(?:set-)?cookie$/i;
const COOKIE_PAIRS = /^[\w.-]+=[^;\s]*(?:;\s*[\w.-]+(?:=[^;]*)?)*$/;
const AUTH_SCHEME_RE = /^(?:bearer|basic|token|digest|bot|apikey|ssws|negotiate|dsn)$/i;
const MAX_VALUE = 512;
/** `a.b.c`, `a?.b`, or a bare identifier without digits: a variable in code, not a value. */
const CODE_REFERENCE = /^[A-Za-z_$][\w$]*(?:\??\.[A-Za-z_$][\w$]*)+\??$|^[A-Za-z_$][A-Za-z_$]*$/;

/** A cookie list carries a secret when one of its values is long and random (not `theme=dark; lang=en`). */
function hasSecretCookie(pairs: string): boolean {
  return pairs.split(";").some((pair) => {
    const value = pair.slice(pair.indexOf("=") + 1).trim();
    return value.length >= 16 && charClasses(value) >= 2 && shannonEntropy(value) >= 3 && !isPlaceholder(value);
  });
}

/** `AuthenticationMD5Password = AuthenticationMD5Password`: an identifier that repeats its own field's word. */
function namesItself(value: string, kind: string): boolean {
  if (!/^[A-Za-z_$][\w$]*$/.test(value)) return false;
  const word = kind === "password" ? /pass(?:word|wd)?|pwd/i : /secret|token|key|credential|auth/i;
  return word.test(value);
}

/** How sure we are that `value`, named `cls`, is a live secret. `inField` = the whole JSON value (stronger context). */
export function secretValueConfidence(cls: FieldClass, raw: string, inField: boolean): number {
  const value = raw.trim();
  if (value.length === 0 || isNonValue(value) || isPlaceholder(value)) return 0;
  if (/^https?:\/\//i.test(value) || value.length > 8192) return 0;
  const spaced = /\s/.test(value);
  switch (cls.kind) {
    case "password":
      if (spaced && (!inField || value.length > 64)) return 0;
      if (/^(?:~|\.{0,2})\/[\w.\-/]*$/.test(value)) return 0; // a path, e.g. PWD=/home/app
      if (inField) return value.length >= 4 ? 0.85 : 0;
      // In prose, "password: required" is a word; real passwords mix classes.
      return value.length >= 6 && (charClasses(value) >= 2 || /[^a-z]/.test(value)) ? 0.8 : 0.3;
    case "aws_secret_access_key":
      if (/^[A-Za-z0-9/+]{40}$/.test(value)) return 0.95;
      break;
    case "authorization_header": {
      const cred = value.replace(/^[A-Za-z]+\s+/, "");
      return cred.length >= 8 && !/\s/.test(cred) && !/^[/.]/.test(cred) && !isPlaceholder(cred) ? 0.9 : 0;
    }
  }
  if (spaced || /^\d+$/.test(value)) return 0;
  // Tokens use a token alphabet; brackets, parentheses and semicolons mean code, not a credential.
  if (!inField && /[()[\]{};<>"'`\\]/.test(value)) return 0;
  const minLen = inField ? 8 : 12;
  if (value.length < minLen || charClasses(value) < 2) return 0;
  // In prose, "secret: my-app-secret" names a secret; values have digits or mixed case.
  if (!inField && !(/\d/.test(value) && /[A-Za-z]/.test(value)) && !(/[a-z]/.test(value) && /[A-Z]/.test(value)))
    return 0;
  const h = shannonEntropy(value);
  if (h < (inField ? 2.5 : 3)) return 0;
  // Capped below the vendor detectors, so a recognised token keeps its own kind.
  return (inField ? 0.8 : 0.7) + (h >= 3.5 ? 0.05 : 0);
}

function identifierBounds(text: string, at: number, len: number): [number, number] {
  let s = at;
  while (s > 0 && at - s < 64 && IDENT_CHAR.test(text[s - 1])) s--;
  let e = at + len;
  while (e < text.length && e - at < 96 && IDENT_CHAR.test(text[e])) e++;
  while (e > at + len && (text[e - 1] === "." || text[e - 1] === "-")) e--;
  return [s, e];
}

/** End of a value starting at `i`: up to the closing quote when quoted, else up to a delimiter. */
function valueEnd(text: string, i: number, quote: string | undefined): number {
  const limit = Math.min(text.length, i + MAX_VALUE);
  if (quote) {
    const q = quote[quote.length - 1];
    const escaped = quote.length === 2;
    for (let j = i; j < limit; j++) {
      const c = text[j];
      if (c === "\n") return -1;
      if (escaped ? c === "\\" && text[j + 1] === q : c === q && text[j - 1] !== "\\") return j;
    }
    return -1;
  }
  let j = i;
  // A backslash escape (`\r\n` in JSON-encoded text), `?` and `=name` (chained assignment in code) end it too.
  while (
    j < limit &&
    !/[\s,;&"'`<>()}\]\\?]/.test(text[j]) &&
    !(text[j] === "=" && /[A-Za-z_$]/.test(text[j + 1] ?? ""))
  )
    j++;
  return j;
}

const assignment: Detector = {
  id: "password",
  anchorsCi: [
    "password",
    "passwd",
    "pwd",
    "passphrase",
    "passcode",
    "secret",
    "token",
    "apikey",
    "api_key",
    "api-key",
    "access_key",
    "accesskey",
    "private_key",
    "privatekey",
    "credential",
    "authorization",
    "cookie",
    "_key",
    "_pat",
  ],
  detect(scan, at, len) {
    const { text } = scan;
    if (at < (scan.windows?.get("assignment") ?? -1)) return; // inside a value already read ("password=tokenABC…")
    const [s, e] = identifierBounds(text, at, len);
    const cls = classifyFieldName(text.slice(s, e));
    if (cls?.category !== "secret") return;
    SEPARATOR_RE.lastIndex = e;
    const sep = SEPARATOR_RE.exec(text);
    if (!sep || !/[:=]/.test(sep[0])) return;
    let vStart = e + sep[0].length;
    let quote: string | undefined = sep[1];
    const line = (): string => /^[^\r\n]*/.exec(text.slice(vStart, vStart + 1024))![0];
    if (COOKIE_HEADER.test(text.slice(s, e))) {
      // A Cookie / Set-Cookie header: the whole "name=value; …" list is the secret.
      const pairs = line().replace(/[\s"'`,]+$/, "");
      (scan.windows ??= new Map()).set("assignment", vStart + pairs.length);
      if (pairs.length >= 16 && COOKIE_PAIRS.test(pairs) && hasSecretCookie(pairs))
        emit(scan, "generic_secret", "secret", vStart, vStart + pairs.length, 0.8);
      return;
    }
    if (cls.kind === "authorization_header") {
      const scheme = /^([A-Za-z]+)[ \t]+/.exec(text.slice(vStart, vStart + 32));
      if (scheme && AUTH_SCHEME_RE.test(scheme[1])) {
        vStart += scheme[0].length;
        quote = undefined;
      }
    }
    const vEnd = valueEnd(text, vStart, quote);
    if (vEnd <= vStart) return;
    (scan.windows ??= new Map()).set("assignment", vEnd);
    const value = text.slice(vStart, vEnd);
    // Unquoted code references (`password: hashedPassword`, `token = req.query.get(…)`) are not values.
    if (!quote && (CODE_REFERENCE.test(value) || text[vEnd] === "(" || namesItself(value, cls.kind))) return;
    const conf = secretValueConfidence(cls, value, false);
    if (conf > 0) emit(scan, cls.kind, "secret", vStart, vEnd, conf);
  },
};

export const ASSIGNMENT_DETECTORS: readonly Detector[] = [assignment];

/** The JSON value itself is the secret when its property name says so (`{"password": "…"}`). */
export function detectSecretField(scan: ScanContext): void {
  if (scan.key === undefined) return;
  const cls = classifyFieldName(scan.key);
  if (cls?.category !== "secret") return;
  if (/cookie/i.test(scan.key) && COOKIE_PAIRS.test(scan.text.trim()) && hasSecretCookie(scan.text)) {
    const lead = scan.text.length - scan.text.trimStart().length;
    emit(scan, "generic_secret", "secret", lead, scan.text.trimEnd().length, 0.85);
    return;
  }
  const conf = secretValueConfidence(cls, scan.text, true);
  if (conf <= 0) return;
  const lead = scan.text.length - scan.text.trimStart().length;
  emit(scan, cls.kind, "secret", lead, scan.text.trimEnd().length, conf);
}

export const ASSIGNMENT_KINDS: ReadonlyArray<[string, string]> = [
  ["password", "Password in a password/passwd/pwd/passphrase field or assignment"],
  ["generic_secret", "Value of a secret/token/api_key/credential/cookie field or assignment (entropy-scored)"],
  ["authorization_header", "Credential in an Authorization header or field"],
];
