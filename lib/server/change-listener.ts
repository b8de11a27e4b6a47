import "server-only";
import { processSlot } from "./singleton";
import type { Socket } from "node:net";
import type { Client } from "pg";
import { CHANGE_CHANNEL, forget, parseChange } from "./change-feed";
import { log } from "./log";

const RECONNECT_FIRST_MS = 250;
const RECONNECT_MAX_MS = 10_000;

interface Listener {
  url: string;
  client: Client | null;
  retry: NodeJS.Timeout | null;
  failures: number;
  stopped: boolean;
  /** How many times LISTEN has been set up, and how many notifications were acted on (tests wait on them). */
  connects: number;
  heard: number;
}

// One listener per process, whichever bundle starts it.
const current = processSlot<Listener>("changeListener");

/**
 * Listens for changes announced by every console process on this PostgreSQL database (one
 * connection of its own) and forgets what they make stale. A lost connection is re-opened
 * with backoff, and everything is forgotten whenever LISTEN is (re)established, since
 * notifications sent meanwhile were not heard; the 1 s re-read bounds the staleness until then.
 * The embedded database belongs to one process, so it needs none.
 */
export function startChangeListener(databaseUrl: string): void {
  const running = current.get();
  if (running && !running.stopped) return;
  const listener: Listener = {
    url: databaseUrl,
    client: null,
    retry: null,
    failures: 0,
    stopped: false,
    connects: 0,
    heard: 0,
  };
  current.set(listener);
  void connect(listener);
}

/** Closes the listening connection (shutdown, tests); a later start opens a new one. */
export async function stopChangeListener(): Promise<void> {
  const listener = current.get();
  if (!listener) return;
  listener.stopped = true;
  if (listener.retry) clearTimeout(listener.retry);
  const client = listener.client;
  listener.client = null;
  await client?.end().catch(() => {});
}

/** How many times this process's listener has established LISTEN and acted on a notification. */
export function changeListenerStats(): { connects: number; heard: number } {
  const listener = current.get();
  return { connects: listener?.connects ?? 0, heard: listener?.heard ?? 0 };
}

async function connect(listener: Listener): Promise<void> {
  listener.retry = null;
  const { default: pg } = await import("pg");
  if (listener.stopped) return;
  const client = new pg.Client({
    connectionString: listener.url,
    connectionTimeoutMillis: 5_000,
    keepAlive: true,
    keepAliveInitialDelayMillis: 10_000,
    application_name: "mgc-change-listener",
  });
  listener.client = client;
  let lost = false;
  const onLost = (err?: unknown) => {
    if (lost) return;
    lost = true;
    if (listener.client === client) listener.client = null;
    void client.end().catch(() => {});
    if (listener.stopped) return;
    if (listener.failures++ === 0) log.warn({ err: err ?? "closed" }, "change listener: connection lost, reconnecting");
    const delay = Math.min(RECONNECT_MAX_MS, RECONNECT_FIRST_MS * 2 ** (listener.failures - 1));
    // Unref'd, like the socket: a listener never keeps a process (a test run, a CLI) alive by itself.
    listener.retry = setTimeout(() => void connect(listener), delay);
    listener.retry.unref();
  };
  client.on("error", onLost);
  client.on("end", () => onLost());
  client.on("notification", (msg) => {
    if (msg.channel !== CHANGE_CHANNEL) return;
    forget(parseChange(msg.payload));
    listener.heard++;
  });
  try {
    await client.connect();
    (client as unknown as { connection?: { stream?: Socket } }).connection?.stream?.unref?.();
    await client.query(`LISTEN ${CHANGE_CHANNEL}`);
  } catch (err) {
    onLost(err);
    return;
  }
  if (listener.stopped || lost) return;
  if (listener.failures > 0) log.warn("change listener: listening again");
  listener.failures = 0;
  // Changes committed while nobody here was listening were not heard: start again from the database.
  forget("everything");
  listener.connects++;
}
