// Worker thread of GET /api/v1/audit/verify (lib/server/audit-verify/chain-hasher.ts): recomputes
// pages of a hash chain so the hashing never runs on the event loop that serves decisions.
import { parentPort } from "node:worker_threads";
import { verifyLinks } from "./chain-rule.mjs";

parentPort.on("message", ({ id, chain, prevHash, records }) => {
  try {
    parentPort.postMessage({ id, result: verifyLinks(chain, prevHash, records) });
  } catch (err) {
    parentPort.postMessage({ id, error: err instanceof Error ? err.message : String(err) });
  }
});
// Sent once the imports above have loaded: the caller falls back to its own thread otherwise.
parentPort.postMessage({ ready: true });
