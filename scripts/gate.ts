// npm run gate -- --environment production [--url http://localhost:3000] [--token <metrics token>] [--json]
// Prints the go/no-go verdict of a running console (GET /api/v1/gates) for people and scripts.
// Exit 0 on GO, 1 on NO_GO, 2 when the verdict could not be read (never a silent pass).
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    environment: { type: "string", short: "e", default: "production" },
    url: { type: "string", default: process.env.CONSOLE_URL ?? "http://localhost:3000" },
    token: { type: "string", default: process.env.METRICS_TOKEN },
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

if (values.help) {
  console.log(
    "Usage: npm run gate -- --environment production [--url http://localhost:3000] [--token <metrics token>] [--json]\n  token: a metrics token (or personal API token); also read from METRICS_TOKEN. URL also from CONSOLE_URL.",
  );
  process.exit(0);
}

interface Gate {
  title: string;
  state: string;
  value: number | null;
  unit: string;
  target: { text: string };
  condition: { text: string };
  owner: string;
  reason: string;
}
interface Report {
  environment: string;
  verdict: "GO" | "NO_GO";
  evaluated_at: string;
  gates: Gate[];
}

const ICON: Record<string, string> = { PASS: "✔ PASS ", WARN: "▲ WARN ", BLOCK: "✖ BLOCK", NO_DATA: "? NO DATA" };

function fail(message: string): never {
  console.error(`gate: ${message}`);
  process.exit(2);
}

async function main() {
  if (!values.token)
    fail("a metrics token is required: --token <token> or METRICS_TOKEN (create one on Gates & metrics).");
  const url = `${values.url!.replace(/\/+$/, "")}/api/v1/gates?environment=${encodeURIComponent(values.environment!)}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { authorization: `Bearer ${values.token}`, accept: "application/json" } });
  } catch (err) {
    fail(`cannot reach ${values.url}: ${err instanceof Error ? err.message : err}`);
  }
  const body = await res.json().catch(() => null);
  if (!res.ok || !body) fail(`${res.status} ${body?.detail ?? body?.title ?? res.statusText}`);
  const report = body as Report;
  if (values.json) {
    console.log(JSON.stringify(report));
  } else {
    console.log(`\n  ${report.verdict === "GO" ? "GO" : "NO-GO"} · ${report.environment} · ${report.evaluated_at}\n`);
    const width = Math.max(...report.gates.map((g) => g.title.length));
    for (const g of report.gates) {
      console.log(
        `  ${(ICON[g.state] ?? g.state).padEnd(9)}  ${g.title.padEnd(width)}  ${g.reason}  (blocks ${g.condition.text}; owner ${g.owner})`,
      );
    }
    console.log("");
  }
  process.exit(report.verdict === "GO" ? 0 : 1);
}

void main();
