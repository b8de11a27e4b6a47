// How every console process is started (npm start, benchmarks, soak, Playwright): one list.
// --max-semi-space-size=64: the decision path allocates a short-lived request, row and answer
// per call; a 64 MB young generation (default 16 MB) cuts scavenges enough to raise decisions/s
// by about a third in bench:decide on this 2-core machine.
// plain-names-hook.mjs comes after tsx: its load hook post-processes what tsx compiled.
export const SERVER_ARGS = [
  "--max-semi-space-size=64",
  "--import",
  "tsx",
  "--import",
  "./scripts/server-only-hook.mjs",
  "--import",
  "./scripts/plain-names-hook.mjs",
  "server.ts",
];
