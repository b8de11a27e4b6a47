/**
 * Whether an error means the database cannot answer now (down, stalled, restarting, timed out,
 * out of connections) rather than something about the request: such errors become 503 (and DENY
 * on the enforcement path), never 500. Looks through Prisma's and the driver adapters' wrappers.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = String((e as { code?: unknown }).code ?? (e as { originalCode?: unknown }).originalCode ?? "");
    if (UNAVAILABLE_CODES.test(code)) return true;
    const text = `${(e as Error).message ?? ""} ${(e as { kind?: unknown }).kind ?? ""}`;
    if (UNAVAILABLE_TEXT.test(text)) return true;
  }
  return false;
}

// Node socket errors, Prisma's "can't reach"/"closed"/"transaction timed out", and SQLSTATE classes
// 08 (connection exception), 57 (operator intervention: statement timeout, shutdown), 53 (insufficient
// resources), 55P03 (lock timeout) and 25P03 (idle-in-transaction timeout).
const UNAVAILABLE_CODES =
  /^(ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|EHOSTUNREACH|ENOTFOUND|P1001|P1002|P1008|P1017|P2024|08...|57...|53...|55P03|25P03)$/;
const UNAVAILABLE_TEXT =
  /ECONNREFUSED|ECONNRESET|terminating connection|Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|statement timeout|lock timeout|Client has encountered a connection error|PGlite is closed|DatabaseNotReachable|SocketTimeout|TooManyConnections/i;
