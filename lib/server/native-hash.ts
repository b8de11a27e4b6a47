import "server-only";
import crypto from "node:crypto";
import { useSha256 } from "@/lib/policy";

// Server processes hash requests and policies with node:crypto; lib/policy's own SHA-256 stays for the browser.
// crypto.hash (Node ≥ 20.12) is the one-shot form: no Hash object per digest, about 3× faster here
// on a request hash (0.9 vs 2.8 µs in a tight loop; createHash's object showed up at ~25 µs per
// call in the gateway's CPU profile). The same digest either way.
const oneShot = (crypto as { hash?: (algorithm: string, data: string, encoding: "hex") => string }).hash;
// biome-ignore lint/correctness/useHookAtTopLevel: useSha256 is a setter of lib/policy, not a React hook
useSha256(
  oneShot
    ? (text) => oneShot("sha256", text, "hex")
    : (text) => crypto.createHash("sha256").update(text, "utf8").digest("hex"),
);
