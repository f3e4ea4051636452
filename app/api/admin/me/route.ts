import { adminJson, adminRoute } from "@/lib/admin/http";

export const dynamic = "force-dynamic";

export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = adminRoute({
  GET: async ({ actor }) => adminJson({ id: actor.id, email: actor.email, role: actor.role }),
});
