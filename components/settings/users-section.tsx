"use client";

import { errorMessage } from "@/components/api/fetch-json";
import { formatDateTime } from "@/components/orders/format";
import { cellStyles, DataTable, type Column } from "@/components/ui/data-table";
import { EmptyState } from "@/components/ui/empty-state";
import { ErrorState } from "@/components/ui/error-state";
import { TableSkeleton } from "@/components/ui/skeleton";
import type { StaffUser } from "@/lib/admin/users";
import { useUsers } from "./api";
import { NewUserButton } from "./new-user-button";
import { SettingsSection } from "./settings-section";
import { StatusPill } from "./status-pill";
import { UserActions } from "./user-actions";

const COLUMNS: readonly Column[] = [
  { label: "User" },
  { label: "Role" },
  { label: "Status" },
  { label: "Created" },
  { label: "Last sign-in" },
  { label: "Actions" },
];

function When({ iso, never }: { iso: string | null; never: string }) {
  return iso ? (
    <time dateTime={iso} title={iso} className="whitespace-nowrap">
      {formatDateTime(iso)}
    </time>
  ) : (
    <span className="text-slate-500">{never}</span>
  );
}

function UserRow({ user, isSelf }: { user: StaffUser; isSelf: boolean }) {
  return (
    <tr className={user.disabled ? "text-slate-500" : ""}>
      <td className={cellStyles}>
        <div className="font-medium break-words">
          {user.email}
          {isSelf && <span className="ml-1 text-xs font-normal text-slate-500">(you)</span>}
        </div>
        {user.name && <div className="text-xs text-slate-600">{user.name}</div>}
      </td>
      <td className={cellStyles}>
        <StatusPill tone={user.role === "ADMIN" ? "info" : "muted"}>{user.role}</StatusPill>
      </td>
      <td className={cellStyles}>
        {user.disabled ? <StatusPill tone="warning">Disabled</StatusPill> : <StatusPill tone="good">Active</StatusPill>}
      </td>
      <td className={`${cellStyles} text-xs`}>
        <When iso={user.createdAt} never="—" />
      </td>
      <td className={`${cellStyles} text-xs`}>
        <When iso={user.lastLoginAt} never="never" />
      </td>
      <td className={cellStyles}>
        <UserActions user={user} isSelf={isSelf} />
      </td>
    </tr>
  );
}

/** Staff accounts: add one, change a role, disable or enable, reset a password. */
export function UsersSection({ currentUserId }: { currentUserId: string }) {
  const users = useUsers();
  return (
    <SettingsSection
      title="Users"
      description="Who can sign in to this dashboard. Role changes and disabling take effect on the user's next request."
      action={<NewUserButton />}
    >
      {users.isPending ? (
        <TableSkeleton label="Loading users" rows={3} />
      ) : users.isError ? (
        <ErrorState
          title="The users could not be loaded"
          message={errorMessage(users.error)}
          onRetry={() => void users.refetch()}
        />
      ) : users.data.items.length === 0 ? (
        <EmptyState title="No users yet" hint="Add a user to give someone access." />
      ) : (
        <DataTable columns={COLUMNS} caption="Users, oldest first">
          {users.data.items.map((user) => (
            <UserRow key={user.id} user={user} isSelf={user.id === currentUserId} />
          ))}
        </DataTable>
      )}
    </SettingsSection>
  );
}
