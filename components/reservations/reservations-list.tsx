"use client";

import Link from "next/link";
import { z } from "zod";
import { errorMessage } from "@/components/api/fetch-json";
import { formatDateTime, formatEur, humanize } from "@/components/orders/format";
import { DataTable, cellStyles } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { Pagination } from "@/components/ui/pagination";
import { SearchForm } from "@/components/ui/search-form";
import { TableSkeleton } from "@/components/ui/skeleton";
import { ToggleGroup } from "@/components/ui/toggle-group";
import { useListSearch } from "@/components/ui/use-list-search";
import { RESERVATIONS_PAGE_SIZE, useReservations, type ReservationFilters } from "./api";

const filtersSchema = z.object({
  state: z.enum(["active", "past"]).catch("active").default("active"),
  q: z.string().trim().max(64).optional().catch(undefined),
  page: z.coerce.number().int().min(1).catch(1).default(1),
});

const COLUMNS = [
  { label: "Reservation" },
  { label: "Status" },
  { label: "Products" },
  { label: "Created" },
  { label: "Expires / ended" },
  { label: "Order" },
] as const;

const STATES = [
  { value: "active", label: "Active" },
  { value: "past", label: "Past" },
] as const;

/** Reservations G2A made: the active ones hold stock until they expire or become orders. */
export function ReservationsList() {
  const { params, update } = useListSearch();
  const filters: ReservationFilters = filtersSchema.parse(params);
  const reservations = useReservations(filters);

  return (
    <div className="space-y-4">
      <div className="flex flex-col gap-3 rounded-lg border border-slate-200 bg-white p-4 sm:flex-row sm:items-end sm:justify-between">
        <ToggleGroup
          label="Which reservations"
          options={STATES}
          value={filters.state}
          onChange={(state) => update({ state: state === "active" ? undefined : state, q: undefined })}
        />
        <SearchForm
          label="Find a reservation by its id"
          value={filters.q}
          placeholder="Reservation id"
          onSearch={(q) => update({ q })}
        />
      </div>
      {reservations.isPending ? (
        <TableSkeleton label="Loading reservations" />
      ) : reservations.isError ? (
        <ErrorState
          title="The reservations could not be loaded"
          message={errorMessage(reservations.error)}
          onRetry={() => void reservations.refetch()}
        />
      ) : reservations.data.items.length === 0 ? (
        <EmptyState
          title={
            filters.q
              ? "No reservation has this id"
              : filters.state === "active"
                ? "No active reservations"
                : "No past reservations"
          }
          hint={
            filters.state === "active"
              ? "G2A reserves stock when a buyer checks out; reservations show here until they expire or become orders."
              : undefined
          }
        />
      ) : (
        <>
          <DataTable columns={COLUMNS} caption="Reservations">
            {reservations.data.items.map((reservation) => (
              <tr key={reservation.id}>
                <td className={`${cellStyles} font-mono text-xs`}>{reservation.id}</td>
                <td className={cellStyles}>{humanize(reservation.status)}</td>
                <td className={cellStyles}>
                  <ul>
                    {reservation.items.map((item, index) => (
                      <li key={index} className="whitespace-nowrap">
                        {item.quantity} × {item.g2aProductId}
                        <span className="text-slate-500">
                          {" "}
                          at {item.unitPriceCents ? formatEur(item.unitPriceCents) : "no G2A price"}
                        </span>
                      </li>
                    ))}
                  </ul>
                </td>
                <td className={`${cellStyles} whitespace-nowrap`}>{formatDateTime(reservation.createdAt)}</td>
                <td className={`${cellStyles} whitespace-nowrap`}>
                  {formatDateTime(reservation.endedAt ?? reservation.expiresAt)}
                </td>
                <td className={cellStyles}>
                  {reservation.order ? (
                    <Link
                      href={`/orders/${reservation.order.id}`}
                      className="font-medium text-brand-700 hover:underline"
                    >
                      {reservation.order.g2aOrderId}
                    </Link>
                  ) : (
                    "—"
                  )}
                </td>
              </tr>
            ))}
          </DataTable>
          <Pagination
            page={reservations.data.page}
            pageSize={RESERVATIONS_PAGE_SIZE}
            total={reservations.data.total}
            onPage={(page) => update({ page })}
            noun={["reservation", "reservations"]}
          />
        </>
      )}
    </div>
  );
}
