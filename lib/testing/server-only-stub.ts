// Stands in for the "server-only" guard under Vitest, which runs outside Next's react-server condition.
export {};
