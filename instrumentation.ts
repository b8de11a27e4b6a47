// Runs once when the Next server starts: migrate the database and create the first admin.
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { bootstrapOrExit } = await import("./lib/server/bootstrap");
  await bootstrapOrExit();
}
