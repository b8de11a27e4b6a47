/** Field names and nearby words: the context that raises or lowers a candidate's confidence. */
import { memoize } from "../memo";
import type { FindingCategory, ScanContext } from "./types";

export interface FieldClass {
  kind: string;
  category: FindingCategory;
}

const CURSOR_WORDS = new Set([
  "next",
  "page",
  "pagination",
  "continuation",
  "cursor",
  "sync",
  "max",
  "min",
  "num",
  "input",
  "output",
  "completion",
  "prompt",
  "total",
  "cache",
  "count",
  "reasoning",
  "used",
  "remaining",
  "limit",
]);
const KEY_QUALIFIERS = new Set([
  "api",
  "secret",
  "access",
  "signing",
  "encryption",
  "master",
  "auth",
  "client",
  "account",
  "subscription",
  "license",
  "app",
  "service",
  "storage",
  "shared",
  "webhook",
  "consumer",
  "x",
]);
const PII_FIELDS: ReadonlyArray<[RegExp, string]> = [
  [/^(?:ssn|social security(?: number)?|socialsecurity(?:number)?|us ssn)$/, "us_ssn"],
  [
    /^(?:(?:credit |debit )?card(?: number| no|num)?|cardnumber|cc(?: number| num)?|ccnumber|pan|credit card(?: number)?)$/,
    "payment_card",
  ],
  [/^(?:cvv2?|cvc2?|security code|card code|card security code)$/, "card_security_code"],
  [/^(?:iban|bank account iban)$/, "iban"],
  [/^(?:nino|national insurance(?: number| no)?|ni number)$/, "uk_nino"],
  [/^(?:nhs(?: number| no)?|nhsnumber)$/, "nhs_number"],
  [/^(?:bsn|burgerservicenummer)$/, "nl_bsn"],
  [/^(?:sin|social insurance(?: number| no)?|nas)$/, "ca_sin"],
  [/^(?:dni|nie|nif)$/, "es_dni"],
  [/^cpf$/, "br_cpf"],
  [/^(?:aadhaar|aadhar|uid)(?: number| no)?$/, "in_aadhaar"],
  [
    /^(?:(?:mobile |home |work |cell |contact )?(?:phone|telephone|tel|mobile|cell|fax)(?: number| no)?|phonenumber)$/,
    "phone_number",
  ],
  [/^(?:(?:contact |work |personal )?e ?mail(?: address)?|emailaddress)$/, "email"],
];

/** Services whose name before "key" or "pat" makes the field a credential (`ADAFRUIT_IO_KEY`, `MAPBOX_KEY`). */
const VENDOR_WORDS = new Set(
  (
    "adafruit algolia anthropic asana auth0 airtable amplitude artifactory assemblyai atlassian azure aws bitbucket " +
    "bittrex braintree brevo bugsnag buildkite circleci clerk cloudflare cloudinary codecov cohere coinbase confluent " +
    "contentful datadog deepgram deepseek digitalocean discord doppler dropbox droneci elevenlabs etsy facebook fastly " +
    "figma finicity finnhub firebase flickr freshbooks gcp github gitlab gitter gocardless google groq heroku honeycomb " +
    "hubspot huggingface intercom jfrog jira kraken kucoin launchdarkly linear linkedin lob mailchimp mailgun mailjet " +
    "mandrill mapbox mattermost meilisearch messagebird mistral mixpanel netlify newrelic notion nytimes okta openai " +
    "opsgenie pagerduty paypal perplexity pinecone plaid planetscale postmark posthog pusher qdrant rapidapi replicate " +
    "resend rollbar salesforce segment sendbird sendgrid sendinblue sentry shopify slack snyk sonar sparkpost " +
    "squarespace stripe sumo sumologic supabase telegram together travis trello twilio twitch twitter typeform " +
    "upstash vercel voyage wandb weaviate yandex zapier zendesk zoom"
  ).split(" "),
);

/** Keys meant to be public (`STRIPE_PUBLISHABLE_KEY`, a reCAPTCHA site key). */
const PUBLIC_WORDS = new Set(["public", "publishable", "pub", "site", "anon", "browser"]);

export function splitFieldWords(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

/** Shell variables whose names look sensitive but hold directories. */
const SHELL_DIRS = new Set(["PWD", "OLDPWD"]);

/** What a JSON property or assignment name says about its value, or null when it says nothing sensitive. */
export const classifyFieldName = memoize(
  (key: string): FieldClass | null => (SHELL_DIRS.has(key) ? null : classify(splitFieldWords(key))),
  4096,
);

function classify(words: string[]): FieldClass | null {
  if (words.length === 0 || words.length > 8) return null;
  const last = words[words.length - 1];
  const prev = words.length > 1 ? words[words.length - 2] : "";
  const joined = words.join(" ");
  const secret = (kind: string): FieldClass => ({ kind, category: "secret" });
  for (const [re, kind] of PII_FIELDS) if (re.test(joined)) return { kind, category: "pii" };
  if (["password", "passwd", "pwd", "passphrase", "passcode", "pin"].includes(last)) return secret("password");
  // PGPASSWORD, MYSQL_PWD's cousins, DBPASSWORD: one word ending in "password".
  if (last.length > 8 && (last.endsWith("password") || last.endsWith("passwd"))) return secret("password");
  if (last === "pass" && words.length <= 2) return secret("password");
  if (words.includes("secret") && words.includes("access") && last === "key") return secret("aws_secret_access_key");
  if ((last === "key" && prev === "private") || last === "privatekey") return secret("private_key");
  if (last === "authorization" && (words.length === 1 || ["proxy", "http", "x"].includes(words[0])))
    return secret("authorization_header");
  if (["secret", "secrets", "apikey", "credential", "credentials", "cookie", "cookies"].includes(last))
    return secret("generic_secret");
  if (last === "token" && !CURSOR_WORDS.has(prev)) return secret("generic_secret");
  if (last === "key" && KEY_QUALIFIERS.has(prev)) return secret("generic_secret");
  if (
    (last === "key" || last === "pat") &&
    words.some((w) => VENDOR_WORDS.has(w)) &&
    !words.some((w) => PUBLIC_WORDS.has(w))
  )
    return secret("generic_secret");
  return null;
}

/** Lower-cased text just before `start` (default 48 chars). */
export function textBefore(scan: ScanContext, start: number, n = 48): string {
  return scan.text.slice(Math.max(0, start - n), start).toLowerCase();
}

/** True when the words before the match, or the JSON field holding the string, match `re`. */
export function hasContext(scan: ScanContext, start: number, re: RegExp, n = 48): boolean {
  return re.test(textBefore(scan, start, n)) || (scan.key !== undefined && re.test(scan.key.toLowerCase()));
}

/** Anchors for tokens must not be glued to a longer word made of the token's own alphabet. */
export function boundaryBefore(text: string, at: number): boolean {
  if (at === 0) return true;
  const c = text.charCodeAt(at - 1);
  return !((c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 45);
}

/** Record a finding unless its kind or category is switched off. Thresholds apply later, after weak signals combine. */
export function emit(
  scan: ScanContext,
  kind: string,
  category: FindingCategory,
  start: number,
  end: number,
  confidence: number,
): void {
  if (end <= start || confidence <= 0) return;
  const { disabled } = scan.opts;
  if (disabled.size > 0 && (disabled.has(kind) || disabled.has(category))) return;
  scan.findings.push({ kind, category, start, end, confidence: Math.min(1, confidence) });
}
