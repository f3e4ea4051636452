export { createDb, getDb, type Db } from "./client";
export { Prisma } from "@/lib/generated/prisma/client";
