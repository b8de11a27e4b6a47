// npm run gate -- --environment production [--url http://localhost:3000] [--token <metrics token>] [--json] [--allow-no-data]
// Prints the one go/no-go verdict of a running console (GET /api/v1/go-no-go: gates and checklist)
// for people and scripts. Exit 0 only on GO, 1 on NO_GO, 2 on NOT_READY (missing evidence) or
// when the verdict could not be read — never a silent pass. --allow-no-data lets NOT_READY exit 0,
// the seed script's semantics (a window without data counts as clear); NO_GO still exits 1.
import { parseArgs } from "node:util";
import { gateExitCode, type GoNoGo, type VerdictReason, VERDICT_WORDS } from "../lib/readiness/verdict";

const { values } = parseArgs({
  options: {
    environment: { type: "string", short: "e", default: "production" },
    url: { type: "string", default: process.env.CONSOLE_URL ?? "http://localhost:3000" },
    token: { type: "string", default: process.env.METRICS_TOKEN },
    json: { type: "boolean", default: false },
    "allow-no-data": { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log(
    [
      "Usage: npm run gate -- --environment production [--url http://localhost:3000] [--token <metrics token>] [--json] [--allow-no-data]",
      "  token: a metrics token (or personal API token); also read from METRICS_TOKEN. URL also from CONSOLE_URL.",
      "  exit: 0 GO · 1 NO_GO · 2 NOT_READY (missing evidence) or the verdict could not be read.",
      "  --allow-no-data: NOT_READY exits 0, as the seed's go/no-go script treats an empty window; NO_GO still exits 1.",
    ].join("\n"),
  );
  process.exit(0);
}

function fail(message: string): never {
  console.error(`gate: ${message}`);
  process.exit(2);
}

const clock = (iso: string | null) => (iso ? `${iso.slice(0, 16).replace("T", " ")} UTC` : "not recorded");

function printReasons(heading: string, icon: string, reasons: VerdictReason[], base: string) {
  if (!reasons.length) return;
  console.log(`  ${heading}`);
  for (const r of reasons) {
    console.log(`    ${icon} ${r.sentence}`);
    console.log(
      `      owner ${r.owner} · since ${clock(r.since)} · evidence ${base}${r.evidence_url} · fix ${base}${r.runbook_url}`,
    );
  }
  console.log("");
}

async function main() {
  if (!values.token)
    fail("a metrics token is required: --token <token> or METRICS_TOKEN (create one on Gates & metrics).");
  const base = values.url!.replace(/\/+$/, "");
  const url = `${base}/api/v1/go-no-go?environment=${encodeURIComponent(values.environment!)}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { authorization: `Bearer ${values.token}`, accept: "application/json" } });
  } catch (err) {
    fail(`cannot reach ${values.url}: ${err instanceof Error ? err.message : err}`);
  }
  const body = await res.json().catch(() => null);
  if (!res.ok || !body) fail(`${res.status} ${body?.detail ?? body?.title ?? res.statusText}`);
  const report = body as GoNoGo;
  if (!(report.verdict in VERDICT_WORDS)) fail(`unexpected verdict ${JSON.stringify(report.verdict)}`);
  const code = gateExitCode(report.verdict, values["allow-no-data"]);
  if (values.json) {
    console.log(JSON.stringify(report));
  } else {
    console.log(
      `\n  ${VERDICT_WORDS[report.verdict]} · ${report.environment} · evaluated ${clock(report.evaluated_at)}`,
    );
    console.log(`  ${report.headline}${report.since ? ` Since ${clock(report.since)}.` : ""}\n`);
    printReasons("Blocks production:", "✖", report.blockers, base);
    printReasons("No evidence yet (never counted as a pass):", "?", report.missing, base);
    printReasons("At risk (off target, not blocking):", "▲", report.at_risk, base);
    if (report.verdict === "NOT_READY" && values["allow-no-data"])
      console.log("  --allow-no-data: missing evidence is treated as clear (exit 0), as the seed script does.\n");
  }
  process.exit(code);
}

void main();
