"use client";

import { useRef, type KeyboardEvent } from "react";
import { ALERT_STATES, type AlertStateName } from "@/lib/admin/alert-schema";
import { STATE_LABELS } from "./format";

type AlertStateTabsProps = {
  value: AlertStateName;
  counts: Record<AlertStateName, number> | undefined;
  onChange: (state: AlertStateName) => void;
  /** The id of the panel the tabs control. */
  panelId: string;
};

export const tabId = (panelId: string, state: AlertStateName) => `${panelId}-tab-${state}`;

/** Open / Acknowledged / Resolved, each with how many alerts it holds; arrow keys move between them. */
export function AlertStateTabs({ value, counts, onChange, panelId }: AlertStateTabsProps) {
  const tabs = useRef<Array<HTMLButtonElement | null>>([]);

  function move(event: KeyboardEvent<HTMLDivElement>) {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const next = ALERT_STATES[(ALERT_STATES.indexOf(value) + step + ALERT_STATES.length) % ALERT_STATES.length]!;
    onChange(next);
    tabs.current[ALERT_STATES.indexOf(next)]?.focus();
  }

  return (
    <div role="tablist" aria-label="Alerts by state" onKeyDown={move} className="flex flex-wrap gap-1">
      {ALERT_STATES.map((state, index) => {
        const selected = state === value;
        return (
          <button
            key={state}
            ref={(element) => {
              tabs.current[index] = element;
            }}
            id={tabId(panelId, state)}
            type="button"
            role="tab"
            aria-selected={selected}
            aria-controls={panelId}
            tabIndex={selected ? 0 : -1}
            onClick={() => onChange(state)}
            className={`inline-flex items-center gap-2 border-b-2 px-3 py-2 text-sm font-medium focus:outline-none focus:ring-2 focus:ring-brand-500 ${
              selected ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"
            }`}
          >
            {STATE_LABELS[state]}
            {counts && (
              <span
                className={`rounded-full px-2 py-0.5 text-xs tabular-nums ${
                  state === "open" && counts.open > 0 ? "bg-red-100 text-red-800" : "bg-slate-100 text-slate-700"
                }`}
              >
                <span className="sr-only">: </span>
                {counts[state]}
              </span>
            )}
          </button>
        );
      })}
    </div>
  );
}
