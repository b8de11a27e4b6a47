/**
 * Credentials in configuration and command lines that name them in their own syntax: .NET `<add key=… value=…/>`,
 * `mysql -pSECRET`, `sshpass -p`, `redis-cli -a`, `curl -b` cookies and session cookies, Docker `"auth"` entries.
 */
import { classifyFieldName, emit } from "./context";
import { decodeBase64Text } from "./encoding";
import { charClasses, isNonValue, isPlaceholder, shannonEntropy } from "./entropy";
import { secretValueConfidence } from "./secrets-assign";
import type { Detector, ScanContext } from "./types";

/** `key="SmtpPassword" value="…"` with plain, JSON-escaped (\") or CSV-doubled ("") quotes. */
const ADD_KEY_RE = /<add\s+key=(\\?"|""|')([^"'\\<>]{1,80})\1\s+value=(\\?"|""|')([^"'\\<>]{1,512})\3/iy;

const xmlAddKey: Detector = {
  id: "xml_add_key",
  anchorsCi: ["<add key="],
  detect(scan, at) {
    ADD_KEY_RE.lastIndex = at;
    const m = ADD_KEY_RE.exec(scan.text);
    if (!m) return;
    const cls = classifyFieldName(m[2]);
    if (cls?.category !== "secret") return;
    const conf = secretValueConfidence(cls, m[4], true);
    const start = at + m[0].length - m[3].length - m[4].length;
    if (conf > 0) emit(scan, cls.kind, "secret", start, start + m[4].length, conf);
  },
};

/** A password given on the command line: `mysql -pSECRET`, `sshpass -p SECRET`, `redis-cli -a SECRET`. */
const CLI_RE: Record<string, RegExp> = {
  mysql: /[^\n]{0,200}?\s-p(["']?)([^\s"'\\]{3,128})\1(?=\s|$|\\|")/y,
  sshpass: /\s+-p\s*(["']?)([^\s"'\\]{3,128})\1/y,
  "redis-cli": /[^\n]{0,200}?\s-a\s+(["']?)([^\s"'\\]{3,128})\1/y,
};

const cliPassword: Detector = {
  id: "cli_password",
  anchorsCi: ["mysql", "mysqldump", "mysqladmin", "mariadb", "sshpass", "redis-cli"],
  detect(scan, at, len) {
    const { text } = scan;
    const tool = text.slice(at, at + len).toLowerCase();
    const re = CLI_RE[tool.startsWith("m") ? "mysql" : tool];
    re.lastIndex = at + len;
    const m = re.exec(text);
    if (!m || isNonValue(m[2]) || isPlaceholder(m[2])) return;
    const start = re.lastIndex - m[1].length - m[2].length;
    emit(scan, "password", "secret", start, start + m[2].length, 0.88);
  },
};

/** Cookies that carry a login session (server frameworks' default names). */
const SESSION_COOKIES = [
  "connect.sid=",
  "PHPSESSID=",
  "JSESSIONID=",
  "sessionid=",
  "session_id=",
  "laravel_session=",
  "_session_id=",
  "ASP.NET_SessionId=",
  ".AspNetCore.Session=",
  "__Secure-next-auth.session-token=",
  "next-auth.session-token=",
  "__Host-session=",
];
const COOKIE_VALUE_RE = /[^\s;,"'\\]{16,4096}/y;

/** True when a cookie value could be a session secret: long and random-looking. */
export function secretCookieValue(value: string): boolean {
  return value.length >= 16 && charClasses(value) >= 2 && shannonEntropy(value) >= 3 && !isPlaceholder(value);
}

const sessionCookie: Detector = {
  id: "session_cookie",
  anchors: SESSION_COOKIES,
  detect(scan, at, len) {
    COOKIE_VALUE_RE.lastIndex = at + len;
    const m = COOKIE_VALUE_RE.exec(scan.text);
    if (!m || !secretCookieValue(m[0])) return;
    emit(scan, "session_cookie", "secret", at + len, at + len + m[0].length, 0.9);
  },
};

/** `curl -b "a=b; c=d"`, `--cookie 'sid=…'`: every cookie value that looks like a secret. */
const CURL_COOKIE_RE = /[ \t]+(\\?["']|"")?([^\s"'\\]+(?:;[ \t]*[^\s"'\\]+)*)/y;
const curlCookie: Detector = {
  id: "curl_cookie",
  anchors: [" -b ", " --cookie "],
  detect(scan, at, len) {
    CURL_COOKIE_RE.lastIndex = at + len - 1;
    const m = CURL_COOKIE_RE.exec(scan.text);
    if (!m) return;
    let pos = CURL_COOKIE_RE.lastIndex - m[2].length;
    for (const pair of m[2].split(";")) {
      const eq = pair.indexOf("=");
      const value = pair.slice(eq + 1);
      if (eq > 0 && secretCookieValue(value)) {
        const start = pos + eq + 1;
        emit(scan, "session_cookie", "secret", start, start + value.length, 0.85);
      }
      pos += pair.length + 1;
    }
  },
};

/** Docker's config.json: `"auth": "<base64 of user:password>"`, as JSON text or a JSON field. */
const DOCKER_AUTH_RE = /(?:\\?")auth(?:\\?")\s*:\s*(?:\\?")([A-Za-z0-9+/]{8,512}={0,2})(?:\\?")/y;

function isUserPassword(b64: string): boolean {
  const decoded = decodeBase64Text(b64);
  return decoded !== null && /^[^:\s]{1,128}:\S{3,}$/.test(decoded) && !isNonValue(decoded.split(":")[1]);
}

const dockerAuth: Detector = {
  id: "docker_auth",
  anchors: ['"auth"', '\\"auth\\"'],
  detect(scan, at) {
    DOCKER_AUTH_RE.lastIndex = at;
    const m = DOCKER_AUTH_RE.exec(scan.text);
    if (!m || !isUserPassword(m[1])) return;
    const start = DOCKER_AUTH_RE.lastIndex - m[1].length - (scan.text[DOCKER_AUTH_RE.lastIndex - 2] === "\\" ? 2 : 1);
    emit(scan, "basic_auth", "secret", start, start + m[1].length, 0.92);
  },
};

/** `{"auth": "<base64 of user:password>"}` as a parsed JSON field. */
export function detectAuthField(scan: ScanContext): void {
  if (scan.key !== "auth" || !isUserPassword(scan.text.trim())) return;
  const lead = scan.text.length - scan.text.trimStart().length;
  emit(scan, "basic_auth", "secret", lead, scan.text.trimEnd().length, 0.92);
}

export const CONFIG_SECRET_DETECTORS: readonly Detector[] = [
  xmlAddKey,
  cliPassword,
  sessionCookie,
  curlCookie,
  dockerAuth,
];
export const CONFIG_SECRET_KINDS: ReadonlyArray<[string, string]> = [
  ["session_cookie", "Session cookie value (connect.sid, PHPSESSID, JSESSIONID, … or a curl -b cookie)"],
];
