import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, testDbKinds, type DbKind } from "@/lib/testing/test-db";
import { attemptLogin, type LoginResult } from "./login";
import { LOGIN_LIMITS, loginLimitKeys } from "./login-limits";
import { hashPassword } from "./password";

const kinds = await testDbKinds();
const PASSWORD = "the-owners-password-1";

describe.each(kinds)("password sign-in limits on %s", (kind: DbKind) => {
  let db: Awaited<ReturnType<typeof openTestDb>>;
  let passwordHash: string;
  let n = 0;

  beforeAll(async () => {
    db = await openTestDb(kind);
    passwordHash = await hashPassword(PASSWORD);
  });
  afterAll(async () => db?.dispose());

  async function owner(data: { disabled?: boolean } = {}): Promise<string> {
    const email = `owner-${++n}@example.com`;
    await db.prisma.user.create({ data: { email, name: "Owner", role: "viewer", passwordHash, ...data } });
    return email;
  }

  const login = (email: string, password: string, source?: string) => attemptLogin(db.prisma, email, password, source);

  /** Audit rows of one action about one e-mail: every password check that failed writes exactly one auth.login_failed. */
  async function audits(action: string, email: string) {
    return db.prisma.auditEvent.findMany({ where: { action, actorLabel: email }, orderBy: { seq: "asc" } });
  }

  /** Lets `seconds` pass for one counter, as the clock would. */
  async function age(key: string, seconds: number) {
    await db.prisma.$executeRawUnsafe(
      `UPDATE rate_limit_buckets SET "windowStart" = "windowStart" - make_interval(secs => $2) WHERE key = $1`,
      key,
      seconds,
    );
  }

  const refused = (results: LoginResult[]) => results.filter((r) => !r.ok && r.reason === "locked");
  const invalid = (results: LoginResult[]) => results.filter((r) => !r.ok && r.reason === "invalid");

  it("60 parallel guesses from one source get no more password checks than the limit; the owner still gets in", async () => {
    const email = await owner();
    const attacker = "198.51.100.7";
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => login(email, `guess-${i}`, attacker)));

    expect(await audits("auth.login_failed", email)).toHaveLength(LOGIN_LIMITS.perSourceAccount);
    expect(invalid(results)).toHaveLength(LOGIN_LIMITS.perSourceAccount);
    expect(refused(results)).toHaveLength(60 - LOGIN_LIMITS.perSourceAccount);
    // The attacker's source is locked out for the rest of the window, even with the right password.
    for (const r of refused(results)) expect(r).toMatchObject({ retryAfterSec: expect.any(Number) });
    expect(Math.min(...refused(results).map((r) => (r.ok ? 0 : r.retryAfterSec!)))).toBeGreaterThan(
      LOGIN_LIMITS.slowDownWindowSec,
    );
    expect(await login(email, PASSWORD, attacker)).toMatchObject({ ok: false, reason: "locked" });
    const locks = await audits("auth.locked", email);
    expect(locks.map((e) => e.data)).toEqual([
      expect.objectContaining({ email, source: attacker, scope: "source_account" }),
    ]);
    const refusals = await audits("auth.login_refused_locked", email);
    expect(refusals).toHaveLength(60 - LOGIN_LIMITS.perSourceAccount + 1);
    expect(refusals.every((e) => (e.data as { scope?: string }).scope === "source_account")).toBe(true);

    // The owner, elsewhere, signs in at once.
    expect(await login(email, PASSWORD, "203.0.113.9")).toMatchObject({ ok: true, user: { email } });
    expect(await audits("auth.login_failed", email)).toHaveLength(LOGIN_LIMITS.perSourceAccount);

    // When the lock's window has passed, the source may try again.
    await age(loginLimitKeys(email, attacker).source_account, LOGIN_LIMITS.lockWindowSec);
    expect(await login(email, PASSWORD, attacker)).toMatchObject({ ok: true });
  });

  it("guesses from many sources at once only slow the account down; the owner gets in after that wait", async () => {
    // The slow-down window is stretched so it cannot pass while the test runs; age() ends it.
    const limits = { ...LOGIN_LIMITS, slowDownWindowSec: 600 };
    const email = await owner();
    const slowLogin = (password: string, source: string) => attemptLogin(db.prisma, email, password, source, limits);
    const results = await Promise.all(Array.from({ length: 60 }, (_, i) => slowLogin(`guess-${i}`, `10.0.0.${i}`)));

    expect(await audits("auth.login_failed", email)).toHaveLength(limits.perAccount);
    expect(invalid(results)).toHaveLength(limits.perAccount);
    expect(refused(results)).toHaveLength(60 - limits.perAccount);
    const throttled = await audits("auth.throttled", email);
    expect(throttled.map((e) => e.data)).toEqual([expect.objectContaining({ email, scope: "account" })]);
    expect(await audits("auth.locked", email)).toHaveLength(0);

    // The owner is told to wait out the slow-down window (not a lock's), and no password is checked for it.
    const first = await slowLogin(PASSWORD, "203.0.113.9");
    expect(first).toMatchObject({ ok: false, reason: "locked" });
    expect(first.ok ? 0 : first.retryAfterSec).toBeLessThanOrEqual(limits.slowDownWindowSec);
    expect((await audits("auth.login_refused_locked", email)).at(-1)?.data).toMatchObject({ scope: "account" });
    expect(await audits("auth.login_failed", email)).toHaveLength(limits.perAccount);

    // Refused attempts are not failures: retrying during the wait does not lock the owner's own source.
    for (let i = 0; i < limits.perSourceAccount + 1; i++)
      expect(await slowLogin(PASSWORD, "203.0.113.9")).toMatchObject({ ok: false, reason: "locked" });

    await age(loginLimitKeys(email, "203.0.113.9").account, limits.slowDownWindowSec);
    expect(await slowLogin(PASSWORD, "203.0.113.9")).toMatchObject({ ok: true, user: { email } });
    // The next window again allows only the limit's worth of checks.
    const again = await Promise.all(Array.from({ length: 20 }, (_, i) => slowLogin(`again-${i}`, `10.0.1.${i}`)));
    expect(invalid(again)).toHaveLength(limits.perAccount);
  });

  it("the account-wide measure is a wait of seconds, the per-source one a lock", () => {
    expect(LOGIN_LIMITS.slowDownWindowSec).toBeLessThanOrEqual(60);
    expect(LOGIN_LIMITS.lockWindowSec).toBeGreaterThan(LOGIN_LIMITS.slowDownWindowSec);
    // One source alone cannot slow the account down for its owner elsewhere.
    expect(LOGIN_LIMITS.perSourceAccount).toBeLessThan(LOGIN_LIMITS.perAccount);
  });

  it("a source failing across many accounts is locked out of all of them, and only that source", async () => {
    const attacker = "192.0.2.44";
    const accounts = Array.from({ length: LOGIN_LIMITS.perSource + 10 }, (_, i) => `nobody-${n}-${i}@example.com`);
    const results = await Promise.all(accounts.map((email) => login(email, "guess", attacker)));
    expect(invalid(results)).toHaveLength(LOGIN_LIMITS.perSource);
    expect(refused(results)).toHaveLength(10);
    const locks = await db.prisma.auditEvent.findMany({ where: { action: "auth.locked" } });
    expect(locks.filter((e) => (e.data as { source?: string }).source === attacker).map((e) => e.data)).toEqual([
      expect.objectContaining({ source: attacker, scope: "source" }),
    ]);

    const email = await owner();
    expect(await login(email, PASSWORD, attacker)).toMatchObject({ ok: false, reason: "locked" });
    expect(await login(email, PASSWORD, "203.0.113.10")).toMatchObject({ ok: true });
  });

  it("a correct password clears the source's failures on the account", async () => {
    const email = await owner();
    const source = "198.51.100.20";
    for (let i = 0; i < LOGIN_LIMITS.perSourceAccount - 1; i++)
      expect(await login(email, "typo", source)).toEqual({ ok: false, reason: "invalid" });
    expect(await login(email, PASSWORD, source)).toMatchObject({ ok: true });
    for (let i = 0; i < LOGIN_LIMITS.perSourceAccount; i++)
      expect(await login(email, "typo", source)).toEqual({ ok: false, reason: "invalid" });
    expect(await login(email, PASSWORD, source)).toMatchObject({ ok: false, reason: "locked" });
  });

  it("unknown user, wrong password and disabled account answer alike, each after a password check", async () => {
    const enabled = await owner();
    const disabled = await owner({ disabled: true });
    const unknown = `nobody-${++n}@example.com`;
    const answers = [
      await login(enabled, "wrong-password"),
      await login(disabled, PASSWORD),
      await login(unknown, PASSWORD),
    ];
    expect(answers).toEqual(Array(3).fill({ ok: false, reason: "invalid" }));
    for (const email of [enabled, disabled, unknown]) {
      const failed = await audits("auth.login_failed", email);
      expect(failed.map((e) => e.data)).toEqual([expect.objectContaining({ email, source: "unknown", failures: 1 })]);
    }
  });

  it("without a known source, attempts share one source and are still counted before the check", async () => {
    const email = await owner();
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => login(` ${email.toUpperCase()} `, `g${i}`)));
    expect(invalid(results)).toHaveLength(LOGIN_LIMITS.perSourceAccount);
    expect(await login(email, PASSWORD)).toMatchObject({ ok: false, reason: "locked" });
    expect(await login(email, PASSWORD, "203.0.113.11")).toMatchObject({ ok: true });
  });
});
