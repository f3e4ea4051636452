import { inputStyles } from "@/components/ui/button-styles";
import { ROLES } from "@/lib/admin/user-schema";

/** What each role may do (ARCHITECTURE §8.10), said where the role is chosen. */
export const ROLE_HINTS: Record<(typeof ROLES)[number], string> = {
  ADMIN: "everything, including users, credentials and selling",
  OPERATOR: "reads everything and retries fulfilment",
  VIEWER: "reads everything, changes nothing",
};

type RoleSelectProps = { id: string; name?: string; defaultValue?: string; error?: string; autoFocus?: boolean };

/** A labelled role picker with each role's rights, and its error tied to it. */
export function RoleSelect({ id, name = "role", defaultValue = "VIEWER", error, autoFocus }: RoleSelectProps) {
  return (
    <div>
      <label htmlFor={id} className="block text-sm font-medium">
        Role
      </label>
      <select
        id={id}
        name={name}
        defaultValue={defaultValue}
        autoFocus={autoFocus}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        className={`${inputStyles} mt-1`}
      >
        {ROLES.map((role) => (
          <option key={role} value={role}>
            {role} — {ROLE_HINTS[role]}
          </option>
        ))}
      </select>
      {error && (
        <p id={`${id}-error`} className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
