// server-only, for the compiled server (scripts/build-server.mjs): an empty module.
