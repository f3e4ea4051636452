import { adminJson, adminRoute } from "@/lib/admin/http";
import { newUserSchema } from "@/lib/admin/user-schema";
import { createUser, listUsers } from "@/lib/admin/users";

export const dynamic = "force-dynamic";

// Only an admin manages users, and only an admin sees who has an account (ARCHITECTURE §8.10).
export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute(
  {
    GET: async ({ db }) => adminJson(await listUsers(db)),
    POST: async ({ db, json, actor, annotate }) => {
      const created = await createUser(db, actor, await json(newUserSchema));
      annotate({ userId: created.user.id });
      return adminJson(created, 201);
    },
  },
  { roles: { GET: "ADMIN" } },
);
