/** The bounded log of a gateway session's SSE events, from which an agent resumes a stream (agent-transport.ts). */
import "server-only";

/** Whatever the event count allows, a session's log holds at most this many characters of messages. */
export const EVENT_LOG_MAX_CHARS = 8 * 1024 * 1024;

interface StoredEvent {
  seq: number;
  stream: number;
  /** The message as sent (JSON text); null for a priming event (nothing to replay). */
  data: string | null;
  at: number;
}

/**
 * The SSE events a session sent (or would have sent to a stream the agent dropped), in order:
 * at most `maxEvents` of them, none older than `retentionMs`, and at most `maxChars` of text. An
 * event's id is `<stream>_<seq>`: the stream it belongs to and its place in the session's order.
 */
export class SessionEventLog {
  private readonly events: StoredEvent[] = [];
  private seq = 0;
  private chars = 0;

  constructor(
    private readonly maxEvents: number,
    private readonly retentionMs: number,
    private readonly maxChars = EVENT_LOG_MAX_CHARS,
  ) {}

  add(stream: number, data: string | null): string {
    const seq = ++this.seq;
    this.events.push({ seq, stream, data, at: Date.now() });
    this.chars += data?.length ?? 0;
    this.prune();
    return `${stream}_${seq}`;
  }

  /** The stream of `lastEventId` and its events after it, or undefined when that event is not (or no longer) kept. */
  after(lastEventId: string): { stream: number; events: { id: string; data: string }[] } | undefined {
    this.prune();
    const m = /^(\d{1,15})_(\d{1,15})$/.exec(lastEventId);
    if (!m) return undefined;
    const stream = Number(m[1]);
    const seq = Number(m[2]);
    const first = this.events[0]?.seq ?? 0;
    const at = seq - first;
    // Sequence numbers are consecutive from the oldest kept event on.
    if (at < 0 || at >= this.events.length || this.events[at].stream !== stream) return undefined;
    const events: { id: string; data: string }[] = [];
    for (let i = at + 1; i < this.events.length; i++) {
      const e = this.events[i];
      if (e.stream === stream && e.data !== null) events.push({ id: `${stream}_${e.seq}`, data: e.data });
    }
    return { stream, events };
  }

  get size(): number {
    return this.events.length;
  }

  private prune(): void {
    const oldest = Date.now() - this.retentionMs;
    while (
      this.events.length > 0 &&
      (this.events.length > this.maxEvents || this.chars > this.maxChars || this.events[0].at < oldest)
    )
      this.chars -= this.events.shift()!.data?.length ?? 0;
  }
}
