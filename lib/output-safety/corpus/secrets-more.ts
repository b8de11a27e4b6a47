/**
 * Corpus rows for the vendor tokens in secrets-vendors-more.ts: each kind as a live-looking token in a realistic
 * line, and as a look-alike (the prefix with a body too short, the way docs and truncated logs show it).
 */
import { hit, miss, type CorpusCase } from "./case";
import { B62, B64, B64URL, HEX, LETTERS, rnd, UPPER_DIGITS } from "./gen";

const u = (...parts: string[]): string => parts.join(""); // keeps token prefixes split in the source
const LOWER_DIGITS = "abcdefghijklmnopqrstuvwxyz0123456789";
const uuid = (): string => `${rnd(HEX, 8)}-${rnd(HEX, 4)}-${rnd(HEX, 4)}-${rnd(HEX, 4)}-${rnd(HEX, 12)}`;

/** kind → [live-looking token, the same prefix with a short body]. */
const SAMPLES: ReadonlyArray<[string, () => string, string]> = [
  [
    "onepassword_secret_key",
    () =>
      u(
        "A",
        "3-",
        rnd(UPPER_DIGITS, 6),
        "-",
        rnd(UPPER_DIGITS, 11),
        "-",
        rnd(UPPER_DIGITS, 5),
        "-",
        rnd(UPPER_DIGITS, 5),
        "-",
        rnd(UPPER_DIGITS, 5),
      ),
    u("A", "3-", "B1C2D3"),
  ],
  ["onepassword_service_token", () => u("ops", "_eyJ", rnd(B64, 300)), u("ops", "_eyJ", "hbGciOi")],
  ["adobe_client_secret", () => u("p8", "e-", rnd(B62, 32)), u("p8", "e-", "abc")],
  ["alibaba_access_key_id", () => u("LT", "AI", rnd(B62, 20)), u("LT", "AI", "5abc")],
  ["tencent_secret_id", () => u("AK", "ID", rnd(B62, 32)), u("AK", "ID", "xyz9")],
  ["artifactory_api_key", () => u("AK", "Cp", rnd(B62, 69)), u("AK", "Cp", "8abc")],
  ["clojars_token", () => u("CLOJARS", "_", rnd(LOWER_DIGITS, 60)), u("CLOJARS", "_", "deploy")],
  ["cloudflare_origin_ca_key", () => u("v1", ".0-", rnd(HEX, 24), "-", rnd(HEX, 146)), u("v1", ".0-", "release notes")],
  ["defined_networking_token", () => u("dn", "key-", rnd(B62, 26), "-", rnd(B62, 52)), u("dn", "key-", "abc-def")],
  ["doppler_token", () => u("dp", ".st.", "prd.", rnd(B62, 43)), u("dp", ".st.", "short")],
  ["duffel_token", () => u("duffel", "_live_", rnd(B64URL, 43)), u("duffel", "_live_", "abc")],
  ["dynatrace_token", () => u("dt0", "c01.", rnd(UPPER_DIGITS, 24), ".", rnd(B62, 64)), u("dt0", "c01.", "ABC")],
  ["easypost_token", () => u("EZ", "AK", rnd(B62, 54)), u("EZ", "AK", "12")],
  ["facebook_access_token", () => u("EA", "AG", rnd(B62, 180)), u("EA", "AG", "bm")],
  ["flutterwave_secret_key", () => u("FLW", "SECK-", rnd("abcdefgh0123456789", 32), "-X"), u("FLW", "SECK-", "xx")],
  ["flyio_token", () => u("fo", "1_", rnd(B64URL, 43)), u("fo", "1_", "abc")],
  ["frameio_token", () => u("fio", "-u-", rnd(B64URL, 64)), u("fio", "-u-", "abc")],
  [
    "fcm_server_key",
    () => u("AAAA", rnd(B64URL, 7), ":APA", "91b", rnd(B64URL, 134)),
    u("AAAA", "abc:APA", "91b", "xyz"),
  ],
  ["grafana_api_key", () => u("eyJr", "Ijoi", rnd(B62, 96)), u("eyJr", "Ijoi", "abc")],
  [
    "harness_token",
    () => u("pa", "t.", rnd(B64URL, 22), ".", rnd(B62, 24), ".", rnd(B62, 20)),
    u("pa", "t.", "abc.def"),
  ],
  ["huggingface_org_token", () => u("api", "_org_", rnd(LETTERS, 34)), u("api", "_org_", "name")],
  ["infracost_token", () => u("ic", "o-", rnd(B62, 32)), u("ic", "o-", "cheap")],
  ["intra42_client_secret", () => u("s-s4", "t2ud-", rnd(HEX, 64)), u("s-s4", "t2ud-", "abc")],
  ["maxmind_license_key", () => u(rnd(B62, 6), "_", rnd(B62, 29), "_m", "mk"), u("abc", "_m", "mk")],
  [
    "teams_webhook",
    () =>
      u(
        "https://contoso.",
        "webhook.office.com/",
        "webhookb2/",
        uuid(),
        "@",
        uuid(),
        "/IncomingWebhook/",
        rnd(HEX, 32),
        "/",
        uuid(),
      ),
    u("https://contoso.", "webhook.office.com/", "webhookb2/", "help"),
  ],
  ["newrelic_insert_key", () => u("NR", "II-", rnd(B64URL, 32)), u("NR", "II-", "abc")],
  ["octopus_deploy_api_key", () => u("AP", "I-", rnd(UPPER_DIGITS, 26)), u("AP", "I-", "GATEWAY")],
  ["openshift_token", () => u("sha", "256~", rnd(B64URL, 43)), u("sha", "256~", "abc")],
  ["planetscale_token", () => u("pscale", "_tkn_", rnd(B62, 43)), u("pscale", "_tkn_", "abc")],
  ["prefect_token", () => u("pn", "u_", rnd(B62, 36)), u("pn", "u_", "abc")],
  ["readme_token", () => u("rd", "me_", rnd(LOWER_DIGITS, 70)), u("rd", "me_", "guide")],
  ["rubygems_token", () => u("ruby", "gems_", rnd(HEX, 48)), u("ruby", "gems_", "mirror")],
  ["scalingo_token", () => u("tk", "-us-", rnd(B64URL, 48)), u("tk", "-us-", "east")],
  ["brevo_api_key", () => u("xkey", "sib-", rnd(HEX, 64), "-", rnd(B62, 16)), u("xkey", "sib-", "abc")],
  ["settlemint_token", () => u("sm", "_pat_", rnd(B62, 16)), u("sm", "_pat_", "abc")],
  ["shippo_token", () => u("shippo", "_live_", rnd(HEX, 40)), u("shippo", "_live_", "abc")],
  ["sourcegraph_token", () => u("sg", "p_", rnd(HEX, 16), "_", rnd(HEX, 40)), u("sg", "p_", "local")],
  ["typeform_token", () => u("tf", "p_", rnd(B64URL, 59)), u("tf", "p_", "abc")],
  ["yandex_api_key", () => u("AQ", "VN", rnd(B64URL, 36)), u("AQ", "VN", "abc")],
  ["mapbox_secret_token", () => u("sk", ".eyJ", rnd(B64URL, 60), ".", rnd(B64URL, 22)), u("sk", ".eyJ", "1")],
  ["tailscale_key", () => u("ts", "key-auth-", rnd(B62, 12), "CNTRL-", rnd(B62, 32)), u("ts", "key-auth-", "abc")],
  ["langsmith_key", () => u("lsv2", "_pt_", rnd(HEX, 32), "_", rnd(HEX, 10)), u("lsv2", "_pt_", "abc")],
  ["pinecone_api_key", () => u("pc", "sk_", rnd(B62, 6), "_", rnd(B62, 64)), u("pc", "sk_", "abc")],
  ["resend_api_key", () => u("r", "e_", rnd(B62, 8), "_", rnd(B62, 24)), u("r", "e_", "abc")],
  ["netlify_token", () => u("nf", "p_", rnd(B62, 36)), u("nf", "p_", "abc")],
  ["render_api_key", () => u("rn", "d_", rnd(B62, 32)), u("rn", "d_", "abc")],
  ["neon_api_key", () => u("na", "pi_", rnd(LOWER_DIGITS, 64)), u("na", "pi_", "abc")],
  ["buildkite_token", () => u("bk", "ua_", rnd(HEX, 40)), u("bk", "ua_", "abc")],
  ["circleci_token", () => u("CCI", "PAT_", rnd(B62, 22), "_", rnd(HEX, 40)), u("CCI", "PAT_", "abc")],
  ["hubspot_token", () => u("pat", "-na1-", uuid()), u("pat", "-na1-", "abc")],
  ["twitter_bearer_token", () => u("A".repeat(22), rnd(B62, 90)), u("A".repeat(22), "B")],
  ["google_oauth_refresh_token", () => u("1", "//0", rnd(B64URL, 96)), u("1", "//0", "abc")],
  ["llm_provider_key", () => u("s", "k-", rnd(HEX, 32)), u("s", "k-", rnd(HEX, 12))],
];

const CARRIERS: ReadonlyArray<(token: string) => unknown> = [
  (t) => `export API_TOKEN=${t}`,
  (t) => ({ content: [{ type: "text", text: `config loaded:\n  credential: ${t}\n  region: eu-west-1` }] }),
  (t) => `curl -s https://api.internal/v1/status -d token=${t}`,
  (t) => ({ env: { SERVICE_CREDENTIAL: t, NODE_ENV: "production" } }),
];

export const MORE_VENDOR_CASES: CorpusCase[] = SAMPLES.flatMap(([kind, live, short], i) => [
  hit(kind, CARRIERS[i % CARRIERS.length](live())),
  miss(kind, "prefix with a short body", `see docs: ${short} (truncated)`),
]);

export const MORE_VENDOR_KINDS: readonly string[] = SAMPLES.map(([kind]) => kind);
