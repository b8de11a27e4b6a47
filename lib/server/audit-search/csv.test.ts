import { describe, expect, it } from "vitest";
import { csvCell, csvLine } from "./csv";
import { searchWords } from "./text-search";

describe("CSV cells", () => {
  it.each([
    ["plain", "github", "github"],
    ["comma", "a,b", '"a,b"'],
    ["quote", 'say "hi"', '"say ""hi"""'],
    ["newline", "one\ntwo", '"one\ntwo"'],
    ["carriage return inside", "one\r\ntwo", '"one\r\ntwo"'],
    ["formula =", "=1+2", "'=1+2"],
    ["formula +", "+1", "'+1"],
    ["formula -", "-2+3", "'-2+3"],
    ["formula @", "@SUM(A1)", "'@SUM(A1)"],
    ["formula after tab", "\t=1", "'\t=1"],
    ["formula with comma gets both", '=HYPERLINK("http://x","y")', '"\'=HYPERLINK(""http://x"",""y"")"'],
    ["null", null, ""],
    ["undefined", undefined, ""],
    ["number stays a number", -1.5, "-1.5"],
    ["boolean", true, "true"],
    ["object as JSON", { a: "x,y" }, '"{""a"":""x,y""}"'],
    ["empty string", "", ""],
  ] as [string, unknown, string][])("%s", (_name, value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("ends a line with CRLF", () => {
    expect(csvLine(["a", 1, null])).toBe("a,1,\r\n");
  });
});

describe("search words", () => {
  it.each([
    ["create_issue", "create issue"],
    ["agent-17 delete_item", "agent 17 delete item"],
    ["github -create_issue", "github -create_issue"],
    ['"acme/repo-3" or jira', '"acme/repo-3" or jira'],
    ["  spaced   out ", "spaced out"],
    ['"unterminated_phrase', '"unterminated_phrase'],
  ])("%s → %s", (q, expected) => {
    expect(searchWords(q)).toBe(expected);
  });
});
