import { describe, expect, it } from "vitest";
import { claimStartupNotice, formatStartupNotice, postStartupNotice, serverListening } from "./notice";

describe("start-up notice", () => {
  it("boxes the generated password with every line the same width, then the ready line", () => {
    const lines = formatStartupNotice({
      admin: { email: "admin@example.com", password: "pw-0123456789abcdef" },
      url: "http://localhost:3000",
      database: "embedded",
    });
    const box = lines.filter((l) => /^ {2}[┌│└]/.test(l));
    expect(box.length).toBeGreaterThan(4);
    expect(new Set(box.map((l) => l.length)).size).toBe(1);
    expect(box.some((l) => l.includes("pw-0123456789abcdef"))).toBe(true);
    expect(lines.at(-2)).toBe("  MCP governance console ready at http://localhost:3000 (database: embedded)");
  });

  it("never prints a password it did not generate, and no box when no admin was created", () => {
    const given = formatStartupNotice({ admin: { email: "a@b.c", password: null }, url: "u", database: "d" });
    expect(given.join("\n")).toContain("(the value of ADMIN_PASSWORD)");
    expect(formatStartupNotice({ url: "u", database: "d" }).join("\n")).not.toContain("┌");
  });

  it("prints at once unless the server claimed it, then exactly once when both are ready, in either order", () => {
    const printed: string[] = [];
    const log = (l: string) => printed.push(l);
    postStartupNotice({ url: "u1", database: "d" }, log);
    expect(printed.join("\n")).toContain("ready at u1");

    claimStartupNotice();
    postStartupNotice({ url: "u2", database: "d" }, log);
    expect(printed.join("\n")).not.toContain("u2");
    serverListening(log);
    serverListening(log);
    expect(printed.filter((l) => l.includes("ready at u2"))).toHaveLength(1);

    claimStartupNotice();
    serverListening(log);
    expect(printed.join("\n")).not.toContain("u3");
    postStartupNotice({ url: "u3", database: "d" }, log);
    expect(printed.filter((l) => l.includes("ready at u3"))).toHaveLength(1);
  });
});
