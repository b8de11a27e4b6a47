/**
 * Vendor token shapes, carried over (shape and prefix only) from gitleaks' `config/gitleaks.toml` rule list
 * and TruffleHog's detectors. `bare` formats are recognisable without a field name next to them.
 */
import {
  ALNUM_LOWER,
  ALNUM_UPPER,
  B62,
  B64,
  B64URL,
  HEX,
  LOWER,
  type Rng,
  UPPER,
  b64url,
  checksummedToken,
} from "./rng";

export interface SecretFormat {
  name: string;
  /** Conventional variable name for it. */
  env: string;
  bare: boolean;
  gen(r: Rng): string;
}

const AGE = "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";
const B64NOPAD = `${B62}+/`;

const f = (name: string, env: string, gen: (r: Rng) => string, bare = true): SecretFormat => ({ name, env, bare, gen });

export const SECRET_FORMATS: readonly SecretFormat[] = [
  f("aws-access-key-id", "AWS_ACCESS_KEY_ID", (r) => `AKIA${r.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}`),
  f("aws-session-key-id", "AWS_ACCESS_KEY_ID", (r) => `ASIA${r.chars("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)}`),
  f("github-pat-classic", "GITHUB_TOKEN", (r) => checksummedToken(r, "ghp_")),
  f("github-oauth", "GH_OAUTH_TOKEN", (r) => checksummedToken(r, "gho_")),
  f("github-app-token", "GITHUB_APP_TOKEN", (r) => checksummedToken(r, r.pick(["ghs_", "ghu_"]))),
  f("github-refresh-token", "GITHUB_REFRESH_TOKEN", (r) => checksummedToken(r, "ghr_")),
  f("github-fine-grained-pat", "GH_PAT", (r) => `github_pat_11${r.chars(ALNUM_UPPER, 20)}_${r.chars(B62, 59)}`),
  f("gitlab-pat", "GITLAB_TOKEN", (r) => `glpat-${r.chars(`${B62}-_`, 20)}`),
  f("gitlab-pipeline-trigger", "GITLAB_TRIGGER_TOKEN", (r) => `glptt-${r.chars(HEX, 40)}`),
  f("gitlab-runner-token", "RUNNER_TOKEN", (r) => `glrt-${r.chars(`${B62}-_`, 20)}`),
  f(
    "slack-bot-token",
    "SLACK_BOT_TOKEN",
    (r) => `xoxb-${r.digits(12)}-${r.digits(13)}-${r.chars(`${UPPER}${LOWER}0123456789`, 24)}`,
  ),
  f(
    "slack-user-token",
    "SLACK_USER_TOKEN",
    (r) => `xoxp-${r.digits(12)}-${r.digits(12)}-${r.digits(13)}-${r.chars(HEX, 32)}`,
  ),
  f(
    "slack-app-token",
    "SLACK_APP_TOKEN",
    (r) => `xapp-1-A${r.chars(ALNUM_UPPER, 10)}-${r.digits(13)}-${r.chars(HEX, 64)}`,
  ),
  f(
    "slack-webhook",
    "SLACK_WEBHOOK_URL",
    (r) =>
      `https://hooks.slack.com/services/T${r.chars(ALNUM_UPPER, 8)}/B${r.chars(ALNUM_UPPER, 10)}/${r.chars(B62, 24)}`,
  ),
  f("stripe-live-secret", "STRIPE_SECRET_KEY", (r) => `sk_${"live"}_51${r.chars(B62, 97)}`),
  f("stripe-restricted", "STRIPE_RESTRICTED_KEY", (r) => `rk_${"live"}_51${r.chars(B62, 97)}`),
  f("google-api-key", "GOOGLE_API_KEY", (r) => `AIza${r.chars(`${B62}-_`, 35)}`),
  f("openai-project-key", "OPENAI_API_KEY", (r) => `sk-proj-${r.chars(B64URL, 74)}T3BlbkFJ${r.chars(B64URL, 74)}`),
  f("openai-legacy-key", "OPENAI_API_KEY", (r) => `sk-${r.chars(B62, 20)}T3BlbkFJ${r.chars(B62, 20)}`),
  f("anthropic-api-key", "ANTHROPIC_API_KEY", (r) => `sk-ant-api03-${r.chars(B64URL, 93)}AA`),
  f("anthropic-admin-key", "ANTHROPIC_ADMIN_KEY", (r) => `sk-ant-admin01-${r.chars(B64URL, 93)}AA`),
  f("npm-token", "NPM_TOKEN", (r) => checksummedToken(r, "npm_")),
  f("pypi-token", "PYPI_TOKEN", (r) => `pypi-AgEIcHlwaS5vcmc${r.chars(B64URL, 120)}`),
  f("sendgrid-key", "SENDGRID_API_KEY", (r) => `SG.${r.chars(B64URL, 22)}.${r.chars(B64URL, 43)}`),
  f("twilio-api-key", "TWILIO_API_KEY", (r) => `SK${r.chars(HEX, 32)}`),
  f("mailgun-key", "MAILGUN_API_KEY", (r) => `key-${r.chars(HEX, 32)}`),
  f("mailchimp-key", "MAILCHIMP_API_KEY", (r) => `${r.chars(HEX, 32)}-us${r.int(1, 21)}`, false),
  f("shopify-access-token", "SHOPIFY_ACCESS_TOKEN", (r) => `shpat_${r.chars(HEX, 32)}`),
  f("shopify-shared-secret", "SHOPIFY_API_SECRET", (r) => `shpss_${r.chars(HEX, 32)}`),
  f("doppler-token", "DOPPLER_TOKEN", (r) => `dp.pt.${r.chars(B62, 43)}`),
  f("planetscale-token", "PLANETSCALE_TOKEN", (r) => `pscale_tkn_${r.chars(`${B62}_`, 43)}`),
  f("planetscale-password", "DATABASE_PASSWORD", (r) => `pscale_pw_${r.chars(`${B62}_`, 43)}`),
  f("brevo-key", "BREVO_API_KEY", (r) => `xkeysib-${r.chars(HEX, 64)}-${r.chars(B62, 16)}`),
  f("fcm-server-key", "FCM_SERVER_KEY", (r) => `AAAA${r.chars(B64URL, 7)}:APA91b${r.chars(B64URL, 134)}`),
  f("vault-service-token", "VAULT_TOKEN", (r) => `hvs.${r.chars(B64URL, 92)}`),
  f("terraform-cloud-token", "TFE_TOKEN", (r) => `${r.chars(B62, 14)}.atlasv1.${r.chars(`${B62}-_`, 67)}`),
  f("databricks-token", "DATABRICKS_TOKEN", (r) => `dapi${r.chars("abcdefgh0123456789", 32)}`),
  f("digitalocean-pat", "DIGITALOCEAN_TOKEN", (r) => `dop_v1_${r.chars(HEX, 64)}`),
  f("digitalocean-oauth", "DO_OAUTH_TOKEN", (r) => `doo_v1_${r.chars(HEX, 64)}`),
  f("linear-api-key", "LINEAR_API_KEY", (r) => `lin_api_${r.chars(B62, 40)}`),
  f("postman-api-key", "POSTMAN_API_KEY", (r) => `PMAK-${r.chars(HEX, 24)}-${r.chars(HEX, 34)}`),
  f("pulumi-token", "PULUMI_ACCESS_TOKEN", (r) => `pul-${r.chars(HEX, 40)}`),
  f("grafana-service-account", "GRAFANA_TOKEN", (r) => `glsa_${r.chars(B62, 32)}_${r.chars(HEX, 8)}`),
  f(
    "grafana-cloud-token",
    "GRAFANA_CLOUD_TOKEN",
    (r) =>
      `glc_${b64url(`{"o":"${r.digits(6)}","n":"stack-${r.digits(6)}-hm-read","k":"${r.chars(B62, 24)}","m":{"r":"prod-eu-west-0"}}`)}`,
  ),
  f("huggingface-token", "HF_TOKEN", (r) => `hf_${r.chars(`${UPPER}${LOWER}`, 34)}`),
  f(
    "discord-bot-token",
    "DISCORD_BOT_TOKEN",
    (r) => `${r.pick(["M", "N"])}${r.chars(B62, 23)}.${r.chars(B64URL, 6)}.${r.chars(B64URL, 38)}`,
  ),
  f(
    "discord-webhook",
    "DISCORD_WEBHOOK_URL",
    (r) => `https://discord.com/api/webhooks/${r.digits(18)}/${r.chars(B64URL, 68)}`,
  ),
  f("telegram-bot-token", "TELEGRAM_BOT_TOKEN", (r) => `${r.int(1, 9)}${r.digits(9)}:AA${r.chars(B64URL, 33)}`),
  f(
    "atlassian-api-token",
    "JIRA_API_TOKEN",
    (r) => `ATATT3xFfGF0${r.chars(`${B62}-_`, 180)}=${r.chars(HEX, 8).toUpperCase()}`,
  ),
  f("sentry-user-token", "SENTRY_AUTH_TOKEN", (r) => `sntryu_${r.chars(HEX, 64)}`),
  f(
    "azure-ad-client-secret",
    "AZURE_CLIENT_SECRET",
    (r) => `${r.chars(B62, 3)}${r.int(0, 9)}Q~${r.chars(`${B62}_~.-`, 34)}`,
  ),
  f("heroku-api-key-v2", "HEROKU_API_KEY", (r) => `HRKU-AA${r.chars(B64URL, 58)}`),
  f("square-access-token", "SQUARE_ACCESS_TOKEN", (r) => `EAAA${r.chars(B64URL, 60)}`),
  f("square-oauth-secret", "SQUARE_APP_SECRET", (r) => `sq0csp-${r.chars(B64URL, 43)}`),
  f("dropbox-token", "DROPBOX_TOKEN", (r) => `sl.${r.chars(`${B62}-_=`, 135)}`),
  f("new-relic-user-key", "NEW_RELIC_API_KEY", (r) => `NRAK-${r.chars(ALNUM_UPPER, 27)}`),
  f("alibaba-access-key-id", "ALIBABA_CLOUD_ACCESS_KEY_ID", (r) => `LTAI${r.chars(B62, 20)}`),
  f("age-secret-key", "SOPS_AGE_KEY", (r) => `AGE-SECRET-KEY-1${r.chars(AGE, 58)}`),
  f("figma-pat", "FIGMA_TOKEN", (r) => `figd_${r.chars(B64URL, 40)}`),
  f("adafruit-io-key", "ADAFRUIT_IO_KEY", (r) => `aio_${r.chars(B62, 28)}`),
  f("airtable-pat", "AIRTABLE_TOKEN", (r) => `pat${r.chars(B62, 14)}.${r.chars(HEX, 64)}`),
  f("cloudflare-origin-ca", "CF_ORIGIN_CA_KEY", (r) => `v1.0-${r.chars(HEX, 24)}-${r.chars(HEX, 146)}`),
  f("contentful-pat", "CONTENTFUL_MANAGEMENT_TOKEN", (r) => `CFPAT-${r.chars(B64URL, 43)}`),
  f("clojars-token", "CLOJARS_PASSWORD", (r) => `CLOJARS_${r.chars(ALNUM_LOWER, 60)}`),
  f("dynatrace-token", "DT_API_TOKEN", (r) => `dt0c01.${r.chars(ALNUM_UPPER, 24)}.${r.chars(ALNUM_UPPER, 64)}`),
  f("easypost-key", "EASYPOST_API_KEY", (r) => `EZAK${r.chars(B62, 54)}`),
  f("notion-token", "NOTION_TOKEN", (r) => `ntn_${r.digits(11)}${r.chars(B62, 35)}`),
  f("prefect-key", "PREFECT_API_KEY", (r) => `pnu_${r.chars(B62, 36)}`),
  f("readme-key", "README_API_KEY", (r) => `rdme_${r.chars(ALNUM_LOWER, 70)}`),
  f("rubygems-key", "GEM_HOST_API_KEY", (r) => `rubygems_${r.chars(HEX, 48)}`),
  f("scalingo-token", "SCALINGO_API_TOKEN", (r) => `tk-us-${r.chars(B64URL, 48)}`),
  f("shippo-live-token", "SHIPPO_API_KEY", (r) => `shippo_${"live"}_${r.chars(HEX, 40)}`),
  f("typeform-pat", "TYPEFORM_TOKEN", (r) => `tfp_${r.chars(`${B62}-_`, 44)}_${r.chars(B62, 14)}`),
  f("groq-key", "GROQ_API_KEY", (r) => `gsk_${r.chars(B62, 52)}`),
  f("replicate-token", "REPLICATE_API_TOKEN", (r) => `r8_${r.chars(B62, 37)}`),
  f("perplexity-key", "PERPLEXITY_API_KEY", (r) => `pplx-${r.chars(B62, 48)}`),
  f("xai-key", "XAI_API_KEY", (r) => `xai-${r.chars(B62, 80)}`),
  f("supabase-pat", "SUPABASE_ACCESS_TOKEN", (r) => `sbp_${r.chars(HEX, 40)}`),
  f("onepassword-service-account", "OP_SERVICE_ACCOUNT_TOKEN", (r) => `ops_eyJ${r.chars(B64NOPAD, 300)}`),
  f(
    "onepassword-secret-key",
    "OP_SECRET_KEY",
    (r) =>
      `A3-${r.chars(ALNUM_UPPER, 6)}-${r.chars(ALNUM_UPPER, 6)}-${r.chars(ALNUM_UPPER, 5)}-${r.chars(ALNUM_UPPER, 5)}-${r.chars(ALNUM_UPPER, 5)}-${r.chars(ALNUM_UPPER, 5)}`,
  ),
  f("infracost-key", "INFRACOST_API_KEY", (r) => `ico-${r.chars(B62, 32)}`),
  f("octopus-deploy-key", "OCTOPUS_API_KEY", (r) => `API-${r.chars(ALNUM_UPPER, 26)}`),
  f("artifactory-key", "ARTIFACTORY_API_KEY", (r) => `AKCp${r.chars(B62, 69)}`),
  f("frameio-token", "FRAMEIO_TOKEN", (r) => `fio-u-${r.chars(`${B62}-_`, 64)}`),
  f("mapbox-secret-token", "MAPBOX_SECRET_TOKEN", (r) => `sk.eyJ1Ijoi${r.chars(B62, 60)}.${r.chars(B64URL, 22)}`),
  f("flyio-token", "FLY_API_TOKEN", (r) => `FlyV1 fm2_${r.chars(B64, 160)}`),
  f("clickhouse-cloud-secret", "CLICKHOUSE_KEY_SECRET", (r) => `4b1d${r.chars(B62, 38)}`),
  f("adobe-client-secret", "ADOBE_CLIENT_SECRET", (r) => `p8e-${r.chars(B62, 32)}`),
  // Shapes without a prefix: a secret only by the name next to them.
  f("aws-secret-access-key", "AWS_SECRET_ACCESS_KEY", (r) => r.chars(B64NOPAD, 40), false),
  f("twilio-auth-token", "TWILIO_AUTH_TOKEN", (r) => r.chars(HEX, 32), false),
  f("datadog-api-key", "DD_API_KEY", (r) => r.chars(HEX, 32), false),
  f("okta-api-token", "OKTA_API_TOKEN", (r) => `00${r.chars(`${B62}-_`, 40)}`, false),
  f("cloudflare-api-token", "CLOUDFLARE_API_TOKEN", (r) => r.chars(`${B62}-_`, 40), false),
  f("algolia-admin-key", "ALGOLIA_ADMIN_KEY", (r) => r.chars(HEX, 32), false),
  f("cohere-api-key", "CO_API_KEY", (r) => r.chars(B62, 40), false),
  f("mistral-api-key", "MISTRAL_API_KEY", (r) => r.chars(B62, 32), false),
];
