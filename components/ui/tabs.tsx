"use client";

import * as TabsPrimitive from "@radix-ui/react-tabs";
import type { ComponentPropsWithoutRef, ReactNode } from "react";

/**
 * A row of tabs that switches what a page shows (Radix Tabs): Tab enters the row at the selected
 * tab, the arrow keys, Home and End move along it, Enter or Space selects (manual activation, so
 * moving along the row does not load every view on the way).
 */
export function TabList<T extends string>({
  label,
  value,
  onValueChange,
  className,
  children,
}: {
  label: string;
  value: T;
  onValueChange: (value: T) => void;
  className?: string;
  children: ReactNode;
}) {
  return (
    <TabsPrimitive.Root value={value} onValueChange={(v) => onValueChange(v as T)} activationMode="manual">
      <TabsPrimitive.List aria-label={label} className={className}>
        {children}
      </TabsPrimitive.List>
    </TabsPrimitive.Root>
  );
}

/**
 * One tab of a TabList. The view it selects is rendered by the page, not in a Radix panel, so
 * the tab names no panel (`aria-controls` would point at an element that does not exist).
 */
export function Tab({ value, ...props }: { value: string } & ComponentPropsWithoutRef<typeof TabsPrimitive.Trigger>) {
  return <TabsPrimitive.Trigger value={value} {...props} aria-controls={undefined} />;
}

const SEGMENT = {
  muted: {
    list: "inline-flex flex-wrap rounded-lg bg-slate-100 p-1",
    tab: "rounded-md px-3 py-1.5 text-sm font-medium text-slate-600 hover:text-slate-900 data-[state=active]:bg-white data-[state=active]:text-slate-900 data-[state=active]:shadow-sm",
  },
  solid: {
    list: "flex flex-wrap rounded-lg bg-white p-1 ring-1 ring-slate-200",
    tab: "rounded-md px-3 py-1 text-sm font-medium text-slate-600 hover:text-slate-900 data-[state=active]:bg-slate-900 data-[state=active]:text-white",
  },
} as const;

/** A segmented control of text tabs: `muted` (grey track, white selection) or `solid` (dark selection). */
export function SegmentedTabs<T extends string>({
  label,
  value,
  onValueChange,
  options,
  variant = "muted",
  tabClassName = "",
}: {
  label: string;
  value: T;
  onValueChange: (value: T) => void;
  options: readonly { value: T; label: ReactNode }[];
  variant?: keyof typeof SEGMENT;
  tabClassName?: string;
}) {
  const style = SEGMENT[variant];
  return (
    <TabList label={label} value={value} onValueChange={onValueChange} className={style.list}>
      {options.map((o) => (
        <Tab key={o.value} value={o.value} className={`${style.tab} ${tabClassName}`}>
          {o.label}
        </Tab>
      ))}
    </TabList>
  );
}
