/** Secret snippets: vendor tokens in the contexts tools print them, private keys, credential URLs, headers, JWTs. */
import { createHmac } from "node:crypto";
import { ecPem, opensshEd25519, RSA_KEYS } from "./keys";
import { B62, B64URL, HEX, type Rng, b64, b64url } from "./rng";
import { SECRET_FORMATS, type SecretFormat } from "./secret-formats";
import type { Snippet } from "./types";

const HOSTS = [
  "db.internal",
  "10.0.4.17",
  "pg-prod-2.eu-west-1.rds.amazonaws.com",
  "cache.svc.cluster.local",
  "mq.corp.lan",
];
const USERS = ["app", "svc_billing", "admin", "deploy", "reporting_ro", "root"];

/** A password people actually choose or generate: mixed classes, sometimes with runs and symbols. */
export function password(r: Rng): string {
  const style = r.int(0, 3);
  if (style === 0)
    return `${r.pick(["Summer", "Winter", "Falcon", "Berlin", "Rocket"])}${r.digits(4)}${r.pick(["!", "#", "$", "?"])}`;
  if (style === 1) return r.chars(`${B62}`, 24);
  if (style === 2) return `${r.chars(B62, 8)}${r.pick(["-", "_", "."])}${r.chars(B62, 10)}`;
  return `${r.chars(B62, 6)}AAAAAA${r.chars(B62, 8)}`;
}

function tokenSnippet(fmt: SecretFormat, r: Rng, variant: number): Snippet {
  const tok = fmt.gen(r);
  const key = fmt.env.toLowerCase();
  const forms = fmt.bare
    ? [
        `${fmt.env}=${tok}`,
        `export ${fmt.env}="${tok}"`,
        `  ${key}: ${tok}`,
        `Here is the credential you asked for: ${tok}`,
        `2024-06-${10 + variant} 09:14:03 DEBUG client init token=${tok} region=eu-west-1`,
      ]
    : [`${fmt.env}=${tok}`, `export ${fmt.env}="${tok}"`, `  ${key}: "${tok}"`, `${key} = '${tok}'`];
  const text = forms[variant % forms.length];
  return { family: `secret/${fmt.name}`, label: "REDACT", text, field: { key, value: tok }, planted: [tok] };
}

function awsPair(r: Rng): Snippet {
  const id = SECRET_FORMATS[0].gen(r);
  const secret = r.chars(`${B62}+/`, 40);
  return {
    family: "secret/aws-credentials-file",
    label: "REDACT",
    text: `[default]\naws_access_key_id = ${id}\naws_secret_access_key = ${secret}\nregion = eu-central-1\n`,
    planted: [id, secret],
  };
}

function privateKey(r: Rng, n: number): Snippet {
  const k =
    n % 5 === 0
      ? opensshEd25519(r, r.pick(["ana@laptop", "deploy@build-07", "ci", ""]))
      : n % 5 === 1
        ? ecPem(r, "sec1")
        : n % 5 === 2
          ? ecPem(r, "pkcs8")
          : RSA_KEYS[n % RSA_KEYS.length];
  return { family: `secret/private-key-${k.kind}`, label: "REDACT", text: k.text, planted: k.secretLines };
}

function gcpServiceAccount(r: Rng): Snippet {
  const k = RSA_KEYS[1];
  const keyId = r.chars(HEX, 40);
  const json = JSON.stringify(
    {
      type: "service_account",
      project_id: `acme-prod-${r.digits(6)}`,
      private_key_id: keyId,
      private_key: k.text,
      client_email: `ci-runner@acme-prod-${r.digits(6)}.iam.gserviceaccount.com`,
      client_id: r.digits(21),
      token_uri: "https://oauth2.googleapis.com/token",
    },
    null,
    2,
  );
  return { family: "secret/gcp-service-account", label: "REDACT", text: json, planted: k.secretLines };
}

function connectionUrl(r: Rng, n: number): Snippet {
  const pw = password(r);
  const host = r.pick(HOSTS);
  const user = r.pick(USERS);
  const forms: [string, string][] = [
    ["postgres", `postgresql://${user}:${pw}@${host}:5432/orders?sslmode=require`],
    ["mysql", `mysql://${user}:${pw}@${host}:3306/shop`],
    [
      "mongodb-srv",
      `mongodb+srv://${user}:${pw}@cluster0.${r.chars("abcdefghijklmnop0123456789", 5)}.mongodb.net/?retryWrites=true`,
    ],
    ["redis-empty-user", `redis://:${pw}@${host}:6379/0`],
    ["rediss-empty-user", `rediss://:${pw}@${host}:6380`],
    ["amqp", `amqp://${user}:${pw}@${host}:5672/vhost`],
    ["smtp", `smtp://${user}:${pw}@smtp.${host}:587`],
    ["ftp", `ftp://${user}:${pw}@files.${host}/outgoing/`],
  ];
  const [name, url] = forms[n % forms.length];
  const text = r.pick([`DATABASE_URL=${url}`, `connecting to ${url} ...`, `  url: "${url}"`, `dsn: ${url}`]);
  return {
    family: `secret/url-${name}`,
    label: "REDACT",
    text,
    field: { key: "connection_string", value: url },
    planted: [pw],
  };
}

function cookie(r: Rng, n: number): Snippet {
  const sid = r.chars(B64URL, 40);
  const forms = [
    `Cookie: _ga=GA1.2.${r.digits(9)}.${r.digits(10)}; session_id=${sid}; theme=dark`,
    `Set-Cookie: __Host-session=${sid}; Path=/; Secure; HttpOnly; SameSite=Lax`,
    `curl -b "connect.sid=s%3A${sid}" https://app.internal/api/me`,
    `set-cookie: laravel_session=${sid}; expires=Fri, 14-Jun-2024 10:00:00 GMT; path=/; httponly`,
  ];
  return { family: "secret/cookie", label: "REDACT", text: forms[n % forms.length], planted: [sid] };
}

function basicAuth(r: Rng, n: number): Snippet {
  const user = r.pick(USERS);
  const pw = password(r);
  const token = b64(`${user}:${pw}`);
  const forms = [
    `Authorization: Basic ${token}`,
    `curl -H "Authorization: Basic ${token}" https://registry.internal/v2/_catalog`,
    `> GET /api/builds HTTP/1.1\n> Host: ci.internal\n> Authorization: Basic ${token}\n> Accept: */*`,
    `{"headers": {"authorization": "Basic ${token}", "accept": "application/json"}}`,
  ];
  return { family: "secret/basic-auth", label: "REDACT", text: forms[n % forms.length], planted: [token] };
}

function jwt(r: Rng, n: number): Snippet {
  const header = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const now = 1717000000 + r.int(0, 9_000_000);
  const payload = b64url(
    JSON.stringify({
      sub: `user_${r.digits(8)}`,
      org: `org_${r.chars(B62, 10)}`,
      scope: "read write",
      iat: now,
      exp: now + 3600,
    }),
  );
  const sig = createHmac("sha256", r.chars(B62, 32)).update(`${header}.${payload}`).digest("base64url");
  const tok = `${header}.${payload}.${sig}`;
  const forms = [
    `Authorization: Bearer ${tok}`,
    `{"access_token": "${tok}", "token_type": "Bearer", "expires_in": 3600}`,
    `localStorage.setItem("auth", "${tok}")`,
    `https://app.example-corp.io/callback#id_token=${tok}&state=${r.chars(HEX, 16)}`,
  ];
  return {
    family: "secret/jwt",
    label: "REDACT",
    text: forms[n % forms.length],
    field: { key: "access_token", value: tok },
    planted: [tok],
  };
}

function bearer(r: Rng, n: number): Snippet {
  const tok = r.chars(`${B62}._-`, 48);
  const forms = [
    `curl -H "Authorization: Bearer ${tok}" https://api.partner.io/v1/orders`,
    `Authorization: Bearer ${tok}`,
    `headers = {"Authorization": f"Bearer ${tok}"}`,
  ];
  return { family: "secret/bearer-header", label: "REDACT", text: forms[n % forms.length], planted: [tok] };
}

function genericPassword(r: Rng, n: number): Snippet {
  const pw = password(r);
  const forms = [
    `DB_PASSWORD=${pw}`,
    `spring.datasource.password=${pw}`,
    `  password: "${pw}"`,
    `<add key="SmtpPassword" value="${pw}" />`,
    `PGPASSWORD='${pw}' psql -h db.internal -U app`,
    `$ mysql -u root -p${pw} shop`,
  ];
  const i = n % forms.length;
  return {
    family: i === 5 ? "secret/cli-password-flag" : "secret/password-assignment",
    label: "REDACT",
    text: forms[i],
    field: { key: "password", value: pw },
    planted: [pw],
  };
}

function kubeSecret(r: Rng): Snippet {
  const pw = password(r);
  const enc = b64(pw);
  return {
    family: "secret/kubernetes-secret",
    label: "REDACT",
    text: `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-credentials\ntype: Opaque\ndata:\n  username: ${b64("app")}\n  password: ${enc}\n`,
    planted: [enc],
  };
}

function dockerConfig(r: Rng): Snippet {
  const pw = password(r);
  const auth = b64(`ci-bot:${pw}`);
  return {
    family: "secret/docker-config-auth",
    label: "REDACT",
    text: JSON.stringify({ auths: { "registry.gitlab.com": { auth } } }, null, 2),
    planted: [auth],
  };
}

function urlQueryToken(r: Rng, n: number): Snippet {
  const fmt = SECRET_FORMATS[[2, 14, 16, 7][n % 4]];
  const tok = fmt.gen(r);
  const text = `GET https://api.service.io/v2/export?format=csv&access_token=${encodeURIComponent(tok)} 200 OK`;
  return { family: "secret/token-in-url-query", label: "REDACT", text, planted: [tok, encodeURIComponent(tok)] };
}

/** The same secret twice in one output: every occurrence must be masked. */
function repeated(r: Rng, n: number): Snippet {
  const fmt = SECRET_FORMATS[(n * 7) % 40];
  const tok = fmt.gen(r);
  const text = `${fmt.env}=${tok}\n...\n[retry 1] request failed; retrying with credential ${tok}\n`;
  return { family: "secret/repeated-value", label: "REDACT", text, planted: [tok] };
}

function azureStorage(r: Rng): Snippet {
  const key = `${r.chars(`${B62}+/`, 86)}==`;
  const text = `DefaultEndpointsProtocol=https;AccountName=acmelogs${r.digits(3)};AccountKey=${key};EndpointSuffix=core.windows.net`;
  return { family: "secret/azure-storage-connection", label: "REDACT", text, planted: [key] };
}

/** Every secret snippet of the corpus, `perFormat` per vendor token format. */
export function secretSnippets(r: Rng, perFormat: number): Snippet[] {
  const out: Snippet[] = [];
  for (const fmt of SECRET_FORMATS) for (let i = 0; i < perFormat; i++) out.push(tokenSnippet(fmt, r, i + r.int(0, 4)));
  for (let i = 0; i < 6; i++)
    out.push(awsPair(r), gcpServiceAccount(r), kubeSecret(r), dockerConfig(r), azureStorage(r));
  for (let i = 0; i < 25; i++) out.push(privateKey(r, i));
  for (let i = 0; i < 40; i++) out.push(connectionUrl(r, i));
  for (let i = 0; i < 12; i++) out.push(cookie(r, i), basicAuth(r, i), jwt(r, i), bearer(r, i), repeated(r, i));
  for (let i = 0; i < 24; i++) out.push(genericPassword(r, i));
  for (let i = 0; i < 8; i++) out.push(urlQueryToken(r, i));
  return out;
}
