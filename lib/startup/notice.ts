/**
 * The start-up notice (first admin's password, "ready at …"). Start-up runs inside Next's
 * instrumentation while server.ts is still preparing, before it listens; server.ts claims the
 * notice and prints it once the port is open, below everything Next printed, so the password is
 * not buried in Next's output. Shared through globalThis: instrumentation is bundled by Next, so
 * it does not share module instances with server.ts.
 */
export interface StartupNotice {
  admin?: { email: string; password: string | null };
  url: string;
  database: string;
}

type Slot = { claimed: boolean; listening: boolean; notice?: StartupNotice; log?: (line: string) => void };
const slot = globalThis as { __consoleStartup?: Slot };

/** server.ts calls this before Next prepares: the notice waits until the port is open. */
export function claimStartupNotice(): void {
  slot.__consoleStartup = { claimed: true, listening: false };
}

/** server.ts calls this once it listens; prints a notice already posted. */
export function serverListening(log: (line: string) => void): void {
  const s = slot.__consoleStartup;
  if (!s) return;
  s.listening = true;
  s.log = log;
  flush(s);
}

/**
 * Start-up hands its notice over. Printed at once when no server claimed it (e.g. a bare
 * `next dev`) or the server already listens (Next does not await instrumentation before it
 * reports itself prepared); otherwise when the server starts listening.
 */
export function postStartupNotice(notice: StartupNotice, log: (line: string) => void): void {
  const s = slot.__consoleStartup;
  if (!s?.claimed) {
    for (const line of formatStartupNotice(notice)) log(line);
    return;
  }
  s.notice = notice;
  flush(s);
}

function flush(s: Slot): void {
  if (!s.listening || !s.notice || !s.log) return;
  const notice = s.notice;
  s.notice = undefined;
  for (const line of formatStartupNotice(notice)) s.log(line);
}

/** A boxed block for the password, so it stands out from the lines around it; then the ready line. */
export function formatStartupNotice(notice: StartupNotice): string[] {
  const lines: string[] = [""];
  if (notice.admin) {
    const body = [
      "First admin created. This password is shown only once:",
      "",
      `  email:     ${notice.admin.email}`,
      `  password:  ${notice.admin.password ?? "(the value of ADMIN_PASSWORD)"}`,
      "",
      "Keep it in a password manager; it cannot be shown again.",
    ];
    const width = Math.max(...body.map((l) => l.length));
    lines.push(`  ┌${"─".repeat(width + 2)}┐`);
    for (const l of body) lines.push(`  │ ${l.padEnd(width)} │`);
    lines.push(`  └${"─".repeat(width + 2)}┘`, "");
  }
  lines.push(`  MCP governance console ready at ${notice.url} (database: ${notice.database})`, "");
  return lines;
}
