import "server-only";
import { createHash } from "node:crypto";
import { useSha256 } from "@/lib/policy";

// Server processes hash requests and policies with node:crypto; lib/policy's own SHA-256 stays for the browser.
useSha256((text) => createHash("sha256").update(text, "utf8").digest("hex"));
