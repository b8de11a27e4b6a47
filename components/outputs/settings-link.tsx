import { Settings } from "lucide-react";
import Link from "next/link";

export function SettingsLink() {
  return (
    <Link
      href="/settings/output-safety"
      className="inline-flex items-center gap-1.5 rounded-md bg-white px-3 py-1.5 text-sm font-medium text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50"
    >
      <Settings size={14} aria-hidden /> Detector settings
    </Link>
  );
}
