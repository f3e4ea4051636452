import { DashboardShell } from "@/components/dashboard/dashboard-shell";

// Signed-out visitors never get here: proxy.ts sends them to /login first.
export default function DashboardLayout({ children }: { children: React.ReactNode }) {
  return <DashboardShell>{children}</DashboardShell>;
}
