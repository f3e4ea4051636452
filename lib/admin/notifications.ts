import { z } from "zod";
import type { Db, Prisma } from "@/lib/db";
import { pageQuerySchema, pageWindow } from "./paging";

/** Query of the G2A notifications list: by type, by exact offer or auction id, newest first. */
export const notificationListQuerySchema = z
  .object({
    type: z.string().trim().max(64).optional(),
    q: z.string().trim().max(64).optional(),
  })
  .extend(pageQuerySchema.shape);
export type NotificationListQuery = z.infer<typeof notificationListQuerySchema>;

export async function listNotifications(db: Db, query: NotificationListQuery) {
  const where: Prisma.G2aNotificationWhereInput = {
    ...(query.type ? { notificationType: query.type } : {}),
    ...(query.q ? { OR: [{ offerId: query.q }, { auctionId: query.q }] } : {}),
  };
  const [rows, total, types] = await Promise.all([
    db.g2aNotification.findMany({ where, orderBy: { id: "desc" }, ...pageWindow(query) }),
    db.g2aNotification.count({ where }),
    db.g2aNotification.findMany({
      where: { notificationType: { not: null } },
      distinct: ["notificationType"],
      select: { notificationType: true },
      take: 50,
    }),
  ]);
  return {
    items: rows.map((row) => ({ ...row, receivedAt: row.receivedAt.toISOString() })),
    /** Every type G2A has sent, for the filter. */
    types: types
      .map((row) => row.notificationType)
      .filter((type): type is string => type !== null)
      .sort(),
    page: query.page,
    pageSize: query.pageSize,
    total,
  };
}
export type NotificationPage = Awaited<ReturnType<typeof listNotifications>>;
