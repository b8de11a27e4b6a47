/** Secrets recognised by structure rather than a vendor prefix: JWTs, private keys, credentials in URLs, cloud key pairs. */
import { boundaryBefore, emit, hasContext } from "./context";
import { decodeBase64Text, decodeJsonSegment } from "./encoding";
import { charClasses, isHex, isNonValue, isPlaceholder, shannonEntropy } from "./entropy";
import { runStart } from "./token-rule";
import type { Detector, ScanContext } from "./types";

const JWT_RE = /eyJ([A-Za-z0-9_-]{8,4000})\.([A-Za-z0-9_-]{2,60000})\.[A-Za-z0-9_-]{0,4000}(?![A-Za-z0-9_-])/y;

const jwt: Detector = {
  id: "jwt",
  anchors: ["eyJ"],
  detect(scan, at) {
    if (!boundaryBefore(scan.text, at)) return;
    JWT_RE.lastIndex = at;
    const m = JWT_RE.exec(scan.text);
    if (!m) return;
    const header = decodeJsonSegment(`eyJ${m[1]}`);
    if (!header || typeof header.alg !== "string") return;
    const payload = decodeBase64Text(m[2]) ?? "";
    // The jwt.io sample token is documentation, not a leak.
    const sample = payload.includes("John Doe") && payload.includes("1234567890");
    emit(scan, "jwt", "secret", at, at + m[0].length, sample ? 0.3 : 0.92);
  },
};

const PEM_HEADER_RE =
  /-----BEGIN ((?:RSA |EC |DSA |OPENSSH |ENCRYPTED |PGP |SSH2 ENCRYPTED )?PRIVATE KEY(?: BLOCK)?)-----/y;
const PEM_META_RE = /(?:\s|\\[nr])*(?:Proc-Type|DEK-Info|Version|Comment|Hash):[^\n\\]{0,200}/y;
const PEM_MAX_BODY = 64 * 1024;

function isPemBodyChar(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if ((c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || c === 43 || c === 47 || c === 61)
    return 1;
  if (c === 32 || c === 10 || c === 13 || c === 9) return 1;
  if (c === 92 && (text[i + 1] === "n" || text[i + 1] === "r")) return 2; // JSON-escaped newlines
  return 0;
}

const pem: Detector = {
  id: "private_key",
  anchors: ["-----BEGIN "],
  detect(scan, at) {
    const { text } = scan;
    PEM_HEADER_RE.lastIndex = at;
    const m = PEM_HEADER_RE.exec(text);
    if (!m) return;
    let i = at + m[0].length;
    PEM_META_RE.lastIndex = i;
    for (let meta = PEM_META_RE.exec(text); meta; meta = PEM_META_RE.exec(text)) i = PEM_META_RE.lastIndex;
    const bodyStart = i;
    let base64Chars = 0;
    const limit = Math.min(text.length, i + PEM_MAX_BODY);
    while (i < limit) {
      const step = isPemBodyChar(text, i);
      if (step === 0) break;
      if (step === 1 && text.charCodeAt(i) > 32) base64Chars++;
      i += step;
    }
    const body = text.slice(bodyStart, Math.min(i, bodyStart + 400));
    if (base64Chars < 64 || isPlaceholder(body.replace(/\\[nr]|\s/g, "").slice(0, 200))) return;
    let end = i;
    if (text.startsWith("-----END ", i)) {
      const close = text.indexOf("-----", i + 9);
      if (close !== -1 && close - i < 80) end = close + 5;
    }
    const label = m[1];
    let kind = label.includes("OPENSSH")
      ? "openssh_private_key"
      : label.includes("PGP")
        ? "pgp_private_key"
        : "private_key";
    if (isServiceAccount(scan, at)) kind = "gcp_service_account";
    emit(scan, kind, "secret", at, end, 0.97);
  },
};

/** A private key inside a GCP service-account JSON (as an object, or as JSON text). */
function isServiceAccount(scan: ScanContext, at: number): boolean {
  if (scan.key === "private_key" && scan.siblings?.includes("client_email")) return true;
  const around = scan.text.slice(Math.max(0, at - 3000), at + 6000);
  return around.includes("client_email") && around.includes("service_account");
}

const DB_SCHEMES = new Set([
  "postgres",
  "postgresql",
  "mysql",
  "mariadb",
  "mongodb",
  "mongodb+srv",
  "redis",
  "rediss",
  "amqp",
  "amqps",
  "mssql",
  "sqlserver",
  "oracle",
  "cockroachdb",
  "clickhouse",
  "kafka",
  "nats",
  "memcached",
  "couchdb",
  "neo4j",
  "bolt",
  "cassandra",
]);
const SCHEME_CHAR = /[A-Za-z0-9+.-]/;
const URL_CRED_RE =
  /([^\s:/@?#"'<>\\]{0,128}):([^\s@/"'<>\\]{1,256})@(?:[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*|\[[0-9a-fA-F:]+\])/y;

const urlCredentials: Detector = {
  id: "connection_string_password",
  anchors: ["://"],
  detect(scan, at) {
    const { text } = scan;
    const scheme = text.slice(runStart(text, at, SCHEME_CHAR, 32), at).toLowerCase();
    if (!/^[a-z]/.test(scheme)) return;
    URL_CRED_RE.lastIndex = at + 3;
    const m = URL_CRED_RE.exec(text);
    if (!m) return;
    const password = m[2];
    if (password.length < 4 || isNonValue(password) || isPlaceholder(password) || password === m[1]) return;
    if (m[1] === "" && /^\d{1,5}$/.test(password)) return; // "://:8443@": a port, not a password
    const host = m[0].slice(m[0].lastIndexOf("@") + 1);
    if (/(?:^|\.)example\.(?:com|org|net)$|\.(?:example|test|invalid)$/i.test(host)) return; // RFC 2606 documentation hosts
    const start = at + 3 + m[1].length + 1;
    const db = DB_SCHEMES.has(scheme.replace(/^jdbc:/, ""));
    emit(
      scan,
      db ? "connection_string_password" : "url_credentials",
      "secret",
      start,
      start + password.length,
      db ? 0.95 : 0.85,
    );
  },
};

const AWS_ID_RE = /(?:AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}(?![A-Za-z0-9])/y;
const AWS_SECRET_RE = /(?<![A-Za-z0-9+/])[A-Za-z0-9+/]{40}(?![A-Za-z0-9+/=])/g;

/** Access key ids by shape; the 40-char secret only when it sits near a key id (a bare 40-char string is too common). */
const awsKeys: Detector = {
  id: "aws_access_key_id",
  anchors: ["AKIA", "ASIA", "ABIA", "ACCA"],
  detect(scan, at) {
    const { text } = scan;
    if (!boundaryBefore(text, at)) return;
    AWS_ID_RE.lastIndex = at;
    const m = AWS_ID_RE.exec(text);
    if (!m || isPlaceholder(m[0])) return;
    emit(scan, "aws_access_key_id", "secret", at, at + 20, m[0].startsWith("ASIA") ? 0.85 : 0.9);
    const from = Math.max(0, at - 240);
    const window = text.slice(from, at + 260);
    AWS_SECRET_RE.lastIndex = 0;
    for (let s = AWS_SECRET_RE.exec(window); s; s = AWS_SECRET_RE.exec(window)) {
      const v = s[0];
      if (charClasses(v) >= 3 && !isHex(v) && !isPlaceholder(v))
        emit(scan, "aws_secret_access_key", "secret", from + s.index, from + s.index + 40, 0.9);
    }
  },
};

function valueAfter(scan: ScanContext, at: number, re: RegExp, kind: string, confidence: number): void {
  re.lastIndex = at;
  const m = re.exec(scan.text);
  if (!m || isPlaceholder(m[1])) return;
  const start = at + m[0].length - m[1].length;
  emit(scan, kind, "secret", start, start + m[1].length, confidence);
}

const ACCOUNT_KEY_RE = /AccountKey=([A-Za-z0-9+/]{86}==)/y;
const SHARED_KEY_RE = /SharedAccessKey=([A-Za-z0-9+/]{42,44}=)/y;
const SAS_SIG_RE = /sig=((?:[A-Za-z0-9+/]|%2[BbFf]){30,}(?:%3[Dd]|=){0,2})/y;

const azure: Detector = {
  id: "azure_storage_key",
  anchors: ["AccountKey=", "SharedAccessKey=", "sig="],
  detect(scan, at) {
    const { text } = scan;
    if (text.startsWith("AccountKey=", at)) return valueAfter(scan, at, ACCOUNT_KEY_RE, "azure_storage_key", 0.97);
    if (text.startsWith("SharedAccessKey=", at))
      return valueAfter(scan, at, SHARED_KEY_RE, "azure_shared_access_key", 0.95);
    const before = text.slice(Math.max(0, at - 400), at);
    if (
      (text[at - 1] === "?" || text[at - 1] === "&") &&
      before.includes("sv=") &&
      /[?&](?:se|sp|srt|ss)=/.test(before + text.slice(at, at + 400))
    ) {
      valueAfter(scan, at, SAS_SIG_RE, "azure_sas_token", 0.9);
    }
  },
};

const HEX_NEAR_RE = /(?<![A-Za-z0-9])([a-f0-9]{40}|[a-f0-9]{32})(?![A-Za-z0-9])/;
const UUID_NEAR_RE = /(?<![A-Za-z0-9])[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![A-Za-z0-9])/i;

/** Keys without a prefix (Datadog hex keys, legacy Heroku UUID keys) count only right after their vendor's name. */
const vendorContext: Detector = {
  id: "datadog_api_key",
  anchorsCi: [
    "datadog",
    "dd_api_key",
    "dd-api-key",
    "dd_app_key",
    "dd-app-key",
    "dd_application_key",
    "dd-application-key",
    "heroku",
  ],
  detect(scan, at, len) {
    const { text } = scan;
    const name = text.slice(at, at + len).toLowerCase();
    const windowStart = at + len;
    const window = text.slice(windowStart, windowStart + 160);
    if (name === "heroku") {
      const u = UUID_NEAR_RE.exec(window);
      if (u && /key|token|auth|api|password/i.test(window.slice(0, u.index)))
        emit(scan, "heroku_api_key", "secret", windowStart + u.index, windowStart + u.index + 36, 0.85);
      return;
    }
    const h = HEX_NEAR_RE.exec(window);
    if (!h) return;
    const between = window.slice(0, h.index);
    // After the bare word "datadog", a 32-hex value may be a trace id: require a key word in between.
    if (name === "datadog" && !/key|token|secret/i.test(between)) return;
    const appKey = /app/.test(name) || /app(?:lication)?[_ -]?key/i.test(between);
    if (h[1].length === 40 && !appKey) return; // a 40-hex near "datadog" without "app key" is more likely a git SHA
    emit(scan, "datadog_api_key", "secret", windowStart + h.index, windowStart + h.index + h[1].length, 0.9);
  },
};

const BEARER_RE = /bearer[ \t]+([A-Za-z0-9\-._~+/]{16,}=*)/iy;
const BASIC_RE = /basic[ \t]+([A-Za-z0-9+/]{8,}={0,2})(?![A-Za-z0-9+/=])/iy;

const authSchemes: Detector = {
  id: "bearer_token",
  anchorsCi: ["bearer ", "basic "],
  detect(scan, at) {
    const { text } = scan;
    const bearer = text[at] === "b" || text[at] === "B" ? text[at + 1] === "e" || text[at + 1] === "E" : false;
    const re = bearer ? BEARER_RE : BASIC_RE;
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m || isPlaceholder(m[1])) return;
    const start = at + m[0].length - m[1].length;
    if (bearer) {
      if (shannonEntropy(m[1]) < 3 || charClasses(m[1]) < 2) return;
      const conf = hasContext(scan, at, /authoriz|header|curl|-h/, 40) ? 0.85 : 0.8;
      emit(scan, "bearer_token", "secret", start, start + m[1].length, conf);
      return;
    }
    const decoded = decodeBase64Text(m[1]);
    if (decoded && /^[^:\s]{1,128}:\S{3,}$/.test(decoded) && !isNonValue(decoded.split(":")[1])) {
      emit(scan, "basic_auth", "secret", start, start + m[1].length, 0.92);
    }
  },
};

/**
 * Discord bot tokens have no prefix: base64 of the bot's id, a 6-character timestamp, a 27–38-character HMAC.
 * One linear pass over the text (the first character is M, N or O) finds them.
 */
export const DISCORD_TOKEN_RE = /(?<![\w-])[MNO][A-Za-z0-9_-]{23,25}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}(?![\w-])/g;

export function scanDiscordTokens(scan: ScanContext): void {
  const { text } = scan;
  if (!text.includes(".")) return;
  DISCORD_TOKEN_RE.lastIndex = 0;
  for (let m = DISCORD_TOKEN_RE.exec(text); m; m = DISCORD_TOKEN_RE.exec(text)) {
    const v = m[0];
    if (isPlaceholder(v) || charClasses(v.slice(0, 24)) < 2 || shannonEntropy(v) < 4) continue;
    emit(scan, "discord_bot_token", "secret", m.index, m.index + v.length, 0.9);
  }
}

export const STRUCTURED_SECRET_DETECTORS: readonly Detector[] = [
  jwt,
  pem,
  urlCredentials,
  awsKeys,
  azure,
  vendorContext,
  authSchemes,
];

export const STRUCTURED_SECRET_KINDS: ReadonlyArray<[string, string]> = [
  ["jwt", "JSON Web Token (three base64url parts; header decodes to JSON with alg)"],
  ["private_key", "PEM private key (RSA, EC, DSA, PKCS#8, encrypted)"],
  ["openssh_private_key", "OpenSSH private key"],
  ["pgp_private_key", "PGP private key block"],
  ["gcp_service_account", "GCP service-account key (private_key next to client_email)"],
  ["connection_string_password", "Password in a database/broker URL (postgres, mysql, mongodb(+srv), redis, amqp, …)"],
  ["url_credentials", "user:password@ credentials in another URL"],
  ["aws_access_key_id", "AWS access key id (AKIA/ASIA/ABIA/ACCA + 16 base32)"],
  ["aws_secret_access_key", "AWS secret access key (near a key id or named by its field)"],
  ["azure_storage_key", "Azure storage connection string AccountKey"],
  ["azure_shared_access_key", "Azure Service Bus / Event Hubs SharedAccessKey"],
  ["azure_sas_token", "Azure SAS signature (sig= with sv= and se=/sp=)"],
  ["datadog_api_key", "Datadog API/application key next to a Datadog name"],
  ["bearer_token", "Bearer token in an Authorization header or curl line"],
  ["discord_bot_token", "Discord bot token (base64 id . timestamp . HMAC)"],
  ["basic_auth", "HTTP Basic credentials (base64 of user:password)"],
];
