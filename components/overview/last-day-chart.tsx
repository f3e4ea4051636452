"use client";

import { Bar, CartesianGrid, ComposedChart, Legend, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { formatEur } from "@/components/orders/format";
import type { HourBucket } from "@/lib/admin/overview";

const hourLabel = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit" });

/** Orders per hour (bars) and the margin they made (line) over the last 24 hours. */
export function LastDayChart({ buckets }: { buckets: HourBucket[] }) {
  const data = buckets.map((bucket) => ({
    ...bucket,
    label: hourLabel.format(new Date(bucket.hour)),
    margin: Number(bucket.marginCents) / 100,
  }));
  const orders = buckets.reduce((sum, bucket) => sum + bucket.orders, 0);
  const marginCents = buckets.reduce((sum, bucket) => sum + BigInt(bucket.marginCents), 0n);
  const summary = `${orders} ${orders === 1 ? "order" : "orders"} and ${formatEur(marginCents.toString())} margin in the last 24 hours`;

  return (
    <section aria-labelledby="last-day-title" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="last-day-title" className="font-semibold">
        Last 24 hours
      </h2>
      <p className="text-sm text-slate-600">{summary}</p>
      <figure className="mt-3 h-64" aria-label={`Chart: ${summary}, per hour`}>
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" vertical={false} />
            <XAxis dataKey="label" tick={{ fontSize: 11 }} interval="preserveStartEnd" minTickGap={16} />
            <YAxis yAxisId="orders" allowDecimals={false} tick={{ fontSize: 11 }} />
            <YAxis
              yAxisId="margin"
              orientation="right"
              tick={{ fontSize: 11 }}
              tickFormatter={(value: number) => `€${value}`}
            />
            <Tooltip
              formatter={(value, name) =>
                name === "Margin" ? formatEur(String(Math.round(Number(value) * 100))) : value
              }
            />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            <Bar
              yAxisId="orders"
              dataKey="orders"
              name="Orders"
              fill="#6366f1"
              radius={[3, 3, 0, 0]}
              isAnimationActive={false}
            />
            <Line
              yAxisId="margin"
              dataKey="margin"
              name="Margin"
              stroke="#059669"
              strokeWidth={2}
              dot={false}
              type="linear"
              isAnimationActive={false}
            />
          </ComposedChart>
        </ResponsiveContainer>
      </figure>
    </section>
  );
}
