import Link from "next/link";
import { Card } from "@/components/ui/card";
import { HashCheck, Json, Mono, Row, Time } from "./detail-parts";
import type { EventDetail } from "./types";

export function EventDetailView({ detail }: { detail: EventDetail }) {
  const { event: e, links } = detail;
  return (
    <div className="grid gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]" data-testid="event-detail">
      <Card
        title={<Mono>{e.action}</Mono>}
        description={
          <>
            Audit event #{e.seq} · <Time at={e.at} />
          </>
        }
      >
        <dl className="divide-y divide-slate-50">
          <Row label="Actor">
            {e.actor_label}{" "}
            <span className="text-xs text-slate-500">
              ({e.actor_type}
              {e.actor_id ? ` ${e.actor_id}` : ""})
            </span>
          </Row>
          <Row label="Environment">{e.environment ?? "—"}</Row>
          <Row label="Target">
            {e.target_type ? (
              <>
                {e.target_type} <Mono>{e.target_id}</Mono>
              </>
            ) : (
              "—"
            )}
          </Row>
          {links.decision_id && (
            <Row label="Decision">
              <Link className="text-indigo-700 hover:underline" href={`/audit/decisions/${links.decision_id}`}>
                open the decision →
              </Link>
            </Row>
          )}
          {links.approval_id && (
            <Row label="Approval">
              <Link
                className="text-indigo-700 hover:underline"
                href={`/audit?${new URLSearchParams({ approval_id: links.approval_id })}`}
              >
                decisions of this approval →
              </Link>
            </Row>
          )}
          <Row label="Record hash">
            <Mono>{e.hash}</Mono>
            <div>
              <HashCheck ok={e.hash_verifies} />
            </div>
          </Row>
          <Row label="Previous hash">
            <Mono>{e.prev_hash}</Mono>
          </Row>
        </dl>
      </Card>
      <Card
        title="Data"
        description={detail.payload_visible ? undefined : "Call payloads inside the data are hidden from your role."}
      >
        <Json value={e.data} testId="event-data" />
      </Card>
    </div>
  );
}
