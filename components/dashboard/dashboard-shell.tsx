"use client";

import {
  Bell,
  ClipboardList,
  KeyRound,
  LayoutDashboard,
  Link2,
  LogOut,
  Menu,
  ScrollText,
  Settings,
  Siren,
  Store,
  Timer,
  X,
  type LucideIcon,
} from "lucide-react";
import { signOut } from "next-auth/react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import { useAlertSummary } from "@/components/alerts/api";
import { useCurrentUser, type StaffRole } from "@/components/api/current-user";
import { ToastProvider } from "@/components/ui/toast";

type NavItem = {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Shown only to this role. */
  only?: StaffRole;
  /** Carries the count of open critical alerts. */
  alertBadge?: true;
};

const NAV: readonly NavItem[] = [
  { href: "/", label: "Overview", icon: LayoutDashboard },
  { href: "/alerts", label: "Alerts", icon: Siren, alertBadge: true },
  { href: "/orders", label: "Orders", icon: ClipboardList },
  { href: "/mappings", label: "Product mappings", icon: Link2 },
  { href: "/offers", label: "Offers", icon: Store },
  { href: "/reservations", label: "Reservations", icon: Timer },
  { href: "/notifications", label: "G2A notifications", icon: Bell },
  { href: "/audit", label: "Audit log", icon: ScrollText },
  { href: "/settings", label: "Settings", icon: Settings, only: "ADMIN" },
];

/** The number of open critical alerts in red beside the menu item; the link's name says it ("Alerts, 2 open critical"). */
function OpenCriticalBadge({ count }: { count: number }) {
  return (
    <span
      aria-hidden
      className="ml-auto min-w-5 rounded-full bg-red-600 px-1.5 py-0.5 text-center text-xs font-semibold tabular-nums text-white"
    >
      {count}
    </span>
  );
}

function SignedInUser() {
  const me = useCurrentUser();
  return (
    <div className="space-y-2 border-t border-slate-200 p-4 text-sm">
      {me.data ? (
        <p className="min-w-0">
          <span className="block truncate font-medium" title={me.data.email}>
            {me.data.email}
          </span>
          <span className="text-xs text-slate-500">{me.data.role}</span>
        </p>
      ) : (
        <p className="text-xs text-slate-500">{me.isError ? "Could not load your account" : "Loading your account…"}</p>
      )}
      <button
        type="button"
        onClick={() => void signOut({ callbackUrl: "/login" })}
        className="inline-flex items-center gap-2 rounded-md px-2 py-1 text-slate-700 hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-brand-500"
      >
        <LogOut aria-hidden className="h-4 w-4" />
        Sign out
      </button>
    </div>
  );
}

/** The dashboard frame: a sidebar (a menu behind a button at phone width), the user, and the page. */
export function DashboardShell({ children }: { children: React.ReactNode }) {
  const pathname = usePathname();
  const [menuOpen, setMenuOpen] = useState(false);
  const role = useCurrentUser().data?.role;
  const nav = NAV.filter((item) => !item.only || item.only === role);
  const openCritical = useAlertSummary().data?.openCritical ?? 0;

  return (
    <ToastProvider>
      <a
        href="#main"
        className="sr-only z-50 rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      <div className="min-h-screen md:flex">
        <header className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 md:hidden">
          <span className="flex items-center gap-2 font-semibold">
            <KeyRound aria-hidden className="h-5 w-5 text-brand-600" />
            G2A Dropship
          </span>
          <button
            type="button"
            aria-expanded={menuOpen}
            aria-controls="dashboard-sidebar"
            onClick={() => setMenuOpen((open) => !open)}
            className="rounded-md p-2 text-slate-700 hover:bg-slate-100 focus:outline-none focus:ring-2 focus:ring-brand-500"
          >
            {menuOpen ? <X aria-hidden className="h-5 w-5" /> : <Menu aria-hidden className="h-5 w-5" />}
            <span className="sr-only">{menuOpen ? "Close menu" : "Open menu"}</span>
          </button>
        </header>
        <aside
          id="dashboard-sidebar"
          className={`${menuOpen ? "flex" : "hidden"} flex-col border-b border-slate-200 bg-white md:sticky md:top-0 md:flex md:h-screen md:w-60 md:shrink-0 md:border-r md:border-b-0`}
        >
          <div className="hidden items-center gap-2 px-4 py-4 font-semibold md:flex">
            <KeyRound aria-hidden className="h-5 w-5 text-brand-600" />
            G2A Dropship
          </div>
          <nav aria-label="Dashboard" className="flex-1 px-2 py-2">
            <ul className="space-y-1">
              {nav.map(({ href, label, icon: Icon, alertBadge }) => {
                const current = href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
                const badge = alertBadge && openCritical > 0 ? openCritical : null;
                return (
                  <li key={href}>
                    <Link
                      href={href}
                      onClick={() => setMenuOpen(false)}
                      aria-current={current ? "page" : undefined}
                      aria-label={badge ? `${label}, ${badge} open critical` : undefined}
                      className={`flex items-center gap-2 rounded-md px-3 py-2 text-sm font-medium focus:outline-none focus:ring-2 focus:ring-brand-500 ${current ? "bg-brand-50 text-brand-700" : "text-slate-700 hover:bg-slate-100"}`}
                    >
                      <Icon aria-hidden className="h-4 w-4" />
                      {label}
                      {badge && <OpenCriticalBadge count={badge} />}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
          <SignedInUser />
        </aside>
        <main id="main" tabIndex={-1} className="min-w-0 flex-1 px-4 py-6 focus:outline-none md:px-8">
          {children}
        </main>
      </div>
    </ToastProvider>
  );
}
