import "server-only";
import { randomInt, randomUUID } from "node:crypto";
import type { Verdict } from "@/lib/output-safety";
import type { Environment } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { OutputSafetySettings } from "@/lib/schemas/output-safety";
import { writeAudit, type Actor, type Tx } from "../audit";
import { seal } from "../crypto-box";
import { isoWeekOf } from "./iso-week";

/** crypto-box purposes (bound as AAD): a value sealed for one column cannot be replayed into another. */
export const QUARANTINE_PURPOSE = "output-safety/quarantine/v1";
export const RELEASE_PURPOSE = "output-safety/release/v1";
export const SAMPLE_PURPOSE = "output-safety/fn-sample/v1";

/** Who handed the output in: an agent (its token) or a console user (session or personal API token). */
export type OutputCaller =
  | { type: "agent"; agentId: string; clientId: string }
  | { type: "user"; userId: string; label: string; via: "session" | "api_token" | "oauth" };

export interface VerdictFacts {
  source: "result" | "inspect";
  /** null for a console caller of /inspect that named no environment: nothing is counted then. */
  environment: Environment | null;
  caller: OutputCaller;
  decisionId?: string;
  server: string;
  tool: string;
}

export interface PreparedVerdict {
  facts: VerdictFacts;
  verdict: Verdict;
  /** Sealed original output (JSON text) when it is quarantined or drawn for the false-negative sample. */
  sealedQuarantine?: string;
  sealedSample?: string;
  outputBytes: number;
  maxSamplesPerWeek: number;
}

export function actorOf(caller: OutputCaller): Actor {
  return caller.type === "agent"
    ? { type: "agent", id: caller.agentId, label: caller.clientId }
    : { type: caller.via === "api_token" ? "api_token" : "user", id: caller.userId, label: caller.label };
}

/** True with probability `rate` (0 → never, 1 → always), from the CSPRNG so a caller cannot predict it. */
export function drawSample(rate: number): boolean {
  if (rate <= 0) return false;
  if (rate >= 1) return true;
  return randomInt(1_000_000) < Math.round(rate * 1_000_000);
}

/** CPU work (serialising and sealing) done before the transaction opens, so it stays short. */
export function prepareVerdict(
  facts: VerdictFacts,
  original: unknown,
  verdict: Verdict,
  settings: OutputSafetySettings,
): PreparedVerdict {
  const prepared: PreparedVerdict = { facts, verdict, outputBytes: 0, maxSamplesPerWeek: settings.maxSamplesPerWeek };
  const sampled = verdict.action === "ALLOW" && original !== undefined && drawSample(settings.sampleRate);
  if (verdict.action === "QUARANTINE" || sampled) {
    const json = JSON.stringify(original) ?? "null";
    prepared.outputBytes = Buffer.byteLength(json);
    if (verdict.action === "QUARANTINE") prepared.sealedQuarantine = seal(json, QUARANTINE_PURPOSE);
    else prepared.sealedSample = seal(json, SAMPLE_PURPOSE);
  }
  return prepared;
}

/**
 * Writes what a verdict leaves behind, inside the caller's transaction (the ToolResult row's for
 * /result): the per-minute count, the sealed quarantined output with its audit event, or a
 * false-negative sample. Returns the quarantine id for the answer.
 */
export async function writeVerdict(
  tx: Tx,
  p: PreparedVerdict,
  opts: { counted?: boolean } = {},
): Promise<{ quarantineId?: string; sampleId?: string }> {
  const { facts, verdict } = p;
  const caller = facts.caller;
  const who =
    caller.type === "agent" ? { agentId: caller.agentId, clientId: caller.clientId } : { userId: caller.userId };
  // counted: the caller's statement already counted it (report-result's single result statement).
  if (!opts.counted) await countVerdict(tx, facts, verdict.action);
  if (p.sealedQuarantine) {
    const id = randomUUID();
    const kinds = [...new Set(verdict.findings.map((f) => f.kind))].sort();
    await tx.quarantinedOutput.create({
      data: {
        id,
        source: facts.source,
        environment: facts.environment,
        decisionId: facts.decisionId ?? null,
        ...who,
        server: facts.server,
        tool: facts.tool,
        kinds,
        findings: verdict.findings.map((f) => ({
          kind: f.kind,
          category: f.category,
          path: f.path,
          start: f.start,
          end: f.end,
          confidence: f.confidence,
        })) as Prisma.InputJsonValue,
        sealedOutput: p.sealedQuarantine,
        outputBytes: p.outputBytes,
      },
    });
    await writeAudit(tx, {
      actor: actorOf(caller),
      action: "output.quarantine",
      environment: facts.environment,
      target: { type: "quarantined_output", id },
      data: {
        source: facts.source,
        server: facts.server,
        tool: facts.tool,
        decision_id: facts.decisionId ?? null,
        kinds,
      },
    });
    return { quarantineId: id };
  }
  if (p.sealedSample) {
    const week = isoWeekOf(new Date());
    if ((await tx.outputReviewSample.count({ where: { week } })) >= p.maxSamplesPerWeek) return {};
    const sample = await tx.outputReviewSample.create({
      data: {
        week,
        source: facts.source,
        environment: facts.environment,
        decisionId: facts.decisionId ?? null,
        ...who,
        server: facts.server,
        tool: facts.tool,
        sealedOutput: p.sealedSample,
        outputBytes: p.outputBytes,
      },
      select: { id: true },
    });
    return { sampleId: sample.id };
  }
  return {};
}

/** Only the per-minute count to write: one statement, no transaction needed. */
export const onlyCounts = (p: PreparedVerdict): boolean => !p.sealedQuarantine && !p.sealedSample;

/** One upsert per verdict, on the database's clock (inside a transaction: the same minute as the rows it counts). */
export async function countVerdict(
  tx: Pick<Tx, "$executeRawUnsafe">,
  facts: VerdictFacts,
  action: Verdict["action"],
): Promise<void> {
  if (!facts.environment) return;
  const one = (b: boolean) => (b ? 1 : 0);
  await tx.$executeRawUnsafe(
    `INSERT INTO output_verdict_rollups (minute, environment, server, tool, source, allowed, redacted, quarantined)
     VALUES (date_trunc('minute', now()), $1::"Environment", $2, $3, $4, $5, $6, $7)
     ON CONFLICT (environment, minute, server, tool, source) DO UPDATE SET
       allowed = output_verdict_rollups.allowed + EXCLUDED.allowed,
       redacted = output_verdict_rollups.redacted + EXCLUDED.redacted,
       quarantined = output_verdict_rollups.quarantined + EXCLUDED.quarantined`,
    facts.environment,
    facts.server,
    facts.tool,
    facts.source,
    one(action === "ALLOW"),
    one(action === "REDACT"),
    one(action === "QUARANTINE"),
  );
}

/** The verdict as agents receive it (docs/agent-api.md#results): offsets and confidences stay inside the console. */
export function verdictAnswer(verdict: Verdict, quarantineId?: string) {
  return {
    action: verdict.action,
    output: verdict.output,
    findings: verdict.findings.map((f) => ({ kind: f.kind, path: f.path })),
    ...(quarantineId ? { quarantine_id: quarantineId } : {}),
  };
}
