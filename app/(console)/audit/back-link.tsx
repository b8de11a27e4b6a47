"use client";

import { ArrowLeft } from "lucide-react";
import Link from "next/link";
import { useRouter } from "next/navigation";

/** Back to the search the reader came from (filters intact), or to the audit trail. */
export function BackLink() {
  const router = useRouter();
  return (
    <Link
      href="/audit"
      onClick={(e) => {
        if (window.history.length > 1 && document.referrer.startsWith(window.location.origin)) {
          e.preventDefault();
          router.back();
        }
      }}
      className="mb-3 inline-flex items-center gap-1 text-sm text-slate-600 hover:text-slate-900"
    >
      <ArrowLeft size={14} aria-hidden /> Audit trail
    </Link>
  );
}
