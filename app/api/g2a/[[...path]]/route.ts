import { AppError } from "@/lib/errors";
import { g2aRoute } from "@/lib/g2a/http";

export const dynamic = "force-dynamic";

const unknownRoute = async (): Promise<Response> => {
  throw new AppError("NOT_FOUND", "no such route");
};

// Any path under /api/g2a that matches no route: 404 NOT_FOUND for every method, before authentication (§3.1).
export const { GET, POST, PUT, DELETE, PATCH, OPTIONS } = g2aRoute(
  {
    GET: unknownRoute,
    POST: unknownRoute,
    PUT: unknownRoute,
    DELETE: unknownRoute,
    PATCH: unknownRoute,
    OPTIONS: unknownRoute,
  },
  { authenticate: false, readBody: false },
);
