import { AppError } from "@/lib/errors";
import { g2aRoute } from "@/lib/g2a/http";

export const dynamic = "force-dynamic";

// We never deliver account items (§6.7): after authentication this is always NOT_FOUND.
export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = g2aRoute({
  GET: async () => {
    throw new AppError("NOT_FOUND", "inventory item is not an account");
  },
});
