import { KeyRound } from "lucide-react";

const inputClass = "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm disabled:bg-slate-100";

/** The sign-in form's frame. Credentials sign-in is wired in with the admin dashboard. */
export function SignInCard() {
  return (
    <section className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm" aria-labelledby="sign-in-title">
      <div className="mb-6 flex items-center gap-3">
        <span className="rounded-lg bg-brand-50 p-2 text-brand-600">
          <KeyRound aria-hidden className="h-6 w-6" />
        </span>
        <div>
          <h1 id="sign-in-title" className="text-lg font-semibold">
            Sign in
          </h1>
          <p className="text-sm text-slate-500">G2A Dropship dashboard</p>
        </div>
      </div>
      <form className="space-y-4" aria-describedby="sign-in-note">
        <label className="block text-sm font-medium">
          E-mail
          <input type="email" name="email" autoComplete="username" disabled className={inputClass} />
        </label>
        <label className="block text-sm font-medium">
          Password
          <input type="password" name="password" autoComplete="current-password" disabled className={inputClass} />
        </label>
        <button type="submit" disabled className="w-full rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white disabled:opacity-60">
          Sign in
        </button>
      </form>
      <p id="sign-in-note" className="mt-4 text-xs text-slate-500">
        Sign-in opens with the admin dashboard.
      </p>
    </section>
  );
}
