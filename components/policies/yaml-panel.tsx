"use client";

import { yaml } from "@codemirror/lang-yaml";
import { linter, lintGutter, type Diagnostic } from "@codemirror/lint";
import CodeMirror from "@uiw/react-codemirror";
import { Copy, Download, Upload } from "lucide-react";
import { useMemo, useRef } from "react";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/field";
import { parsePolicy, type ParseResult } from "@/lib/policy";

/** The draft as YAML, with the parser's errors marked inline at their line and column. */
export function YamlPanel({
  source,
  parsed,
  readOnly,
  onChange,
  environment,
}: {
  source: string;
  parsed: ParseResult;
  readOnly: boolean;
  onChange: (s: string) => void;
  environment: string;
}) {
  const fileInput = useRef<HTMLInputElement>(null);
  const extensions = useMemo(
    () => [
      yaml(),
      lintGutter(),
      linter(
        (view) => {
          const result = parsePolicy(view.state.doc.toString());
          if (result.ok) return [];
          return result.errors.map((e): Diagnostic => {
            const line = view.state.doc.line(Math.min(Math.max(e.line, 1), view.state.doc.lines));
            const from = Math.min(line.from + Math.max(e.column - 1, 0), line.to);
            return {
              from,
              to: Math.max(from, line.to),
              severity: "error",
              message: `${e.field ? `${e.field}: ` : ""}${e.message}`,
            };
          });
        },
        { delay: 250 },
      ),
    ],
    [],
  );

  function download() {
    const url = URL.createObjectURL(new Blob([source], { type: "application/yaml" }));
    const a = Object.assign(document.createElement("a"), { href: url, download: `policy-${environment}.yaml` });
    a.click();
    URL.revokeObjectURL(url);
  }

  return (
    <Card
      title="Draft as YAML"
      description="Policy language v1. Errors show at their line as you type; the draft cannot be saved or published until it parses."
      actions={
        <div className="flex gap-2">
          <Button variant="secondary" onClick={() => navigator.clipboard?.writeText(source)}>
            <Copy size={14} aria-hidden /> Copy
          </Button>
          <Button variant="secondary" onClick={download}>
            <Download size={14} aria-hidden /> Download
          </Button>
          {!readOnly && (
            <>
              <Button variant="secondary" onClick={() => fileInput.current?.click()}>
                <Upload size={14} aria-hidden /> Upload
              </Button>
              <input
                ref={fileInput}
                type="file"
                accept=".yaml,.yml,application/yaml,text/yaml"
                className="hidden"
                aria-label="Upload a policy YAML file"
                onChange={async (e) => {
                  const file = e.target.files?.[0];
                  if (file) onChange(await file.text());
                  e.target.value = "";
                }}
              />
            </>
          )}
        </div>
      }
    >
      <div className="overflow-hidden rounded-md ring-1 ring-slate-200" data-testid="yaml-editor">
        <CodeMirror
          value={source}
          height="420px"
          extensions={extensions}
          editable={!readOnly}
          readOnly={readOnly}
          onChange={onChange}
          basicSetup={{ foldGutter: true, highlightActiveLine: !readOnly }}
        />
      </div>
      {!parsed.ok && (
        <div className="mt-3">
          <Alert>
            <ul className="space-y-0.5" data-testid="yaml-errors">
              {parsed.errors.map((e, i) => (
                <li key={i}>
                  Line {e.line}, column {e.column}
                  {e.field ? (
                    <>
                      {" "}
                      · <code className="font-mono">{e.field}</code>
                    </>
                  ) : null}
                  : {e.message}
                </li>
              ))}
            </ul>
          </Alert>
        </div>
      )}
    </Card>
  );
}
