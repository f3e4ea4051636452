const base =
  "inline-flex items-center justify-center gap-2 rounded-md px-3 py-2 text-sm font-medium focus:outline-none focus:ring-2 focus:ring-offset-2 disabled:cursor-not-allowed disabled:opacity-60";

/** Class names of the dashboard's buttons, by purpose. */
export const buttonStyles = {
  primary: `${base} bg-brand-600 text-white hover:bg-brand-700 focus:ring-brand-500`,
  secondary: `${base} border border-slate-300 bg-white text-slate-800 hover:bg-slate-50 focus:ring-brand-500`,
  warning: `${base} border border-orange-500 bg-white text-orange-700 hover:bg-orange-50 focus:ring-orange-500`,
  danger: `${base} bg-red-600 text-white hover:bg-red-700 focus:ring-red-500`,
} as const;

export const inputStyles =
  "block w-full rounded-md border border-slate-300 bg-white px-3 py-2 text-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-invalid:border-red-500";
