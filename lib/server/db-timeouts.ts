/**
 * The database timeouts, all derived from one bound (ANSWER_DEADLINE_MS): whatever the database
 * does — refuses connections, stalls (a storage hang, a network partition, SIGSTOP), holds a
 * lock — a request gets its answer within the bound, and the enforcement path answers DENY.
 *
 * - statement and lock timeouts (server side) end slow statements and lock waits cleanly;
 * - the read timeout (client side) ends a statement whose server went silent, where no
 *   server-side timeout can fire; the connection is then discarded;
 * - the pool gives up waiting for a connection (or for a new one to connect) in time;
 * - the whole decision is raced against the bound itself, as the last resort.
 */
export interface DbTimeouts {
  /** statement_timeout and lock_timeout (ms). */
  statementMs: number;
  /** The driver's read timeout per query (ms). */
  readMs: number;
  /** Waiting for a pooled connection, or for a new one to connect (ms). */
  connectMs: number;
  /** idle_in_transaction_session_timeout (ms): a transaction left open by a stalled caller is ended. */
  idleInTransactionMs: number;
  /** The bound on a whole answer (ms). */
  answerMs: number;
}

export function dbTimeouts(answerDeadlineMs: number): DbTimeouts {
  return {
    statementMs: Math.round(answerDeadlineMs * 0.6),
    readMs: Math.round(answerDeadlineMs * 0.8),
    connectMs: Math.round(answerDeadlineMs * 0.6),
    idleInTransactionMs: Math.max(5_000, answerDeadlineMs * 5),
    answerMs: answerDeadlineMs,
  };
}

/** The settings a PostgreSQL session starts with (libpq `options`). */
export function sessionOptions(t: DbTimeouts, extra = ""): string {
  return `-c statement_timeout=${t.statementMs} -c lock_timeout=${t.statementMs} -c idle_in_transaction_session_timeout=${t.idleInTransactionMs}${extra ? ` ${extra}` : ""}`;
}
