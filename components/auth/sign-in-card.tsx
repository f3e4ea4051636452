"use client";

import { KeyRound } from "lucide-react";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { z } from "zod";
import { signInSchema, type SignInInput } from "@/lib/auth/sign-in-schema";

type Field = keyof SignInInput;
type FieldErrors = Partial<Record<Field, string>>;

// next-auth's own code for a refused sign-in; our authorize() normally throws a sentence instead.
const MESSAGES: Record<string, string> = { CredentialsSignin: "Invalid e-mail or password" };

function messageFor(error: string): string {
  return MESSAGES[error] ?? error;
}

const inputClass =
  "mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-brand-500 focus:outline-none focus:ring-2 focus:ring-brand-100 aria-invalid:border-red-500";

/** The e-mail and password form; after signing in it goes to `callbackUrl` (a path on this site). */
export function SignInCard({ callbackUrl }: { callbackUrl: string }) {
  const router = useRouter();
  const id = useId();
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const parsed = signInSchema.safeParse({ email: form.get("email") ?? "", password: form.get("password") ?? "" });
    if (!parsed.success) {
      const { fieldErrors: byField } = z.flattenError(parsed.error);
      const errors: FieldErrors = { email: byField.email?.[0], password: byField.password?.[0] };
      setFieldErrors(errors);
      setFormError(null);
      (errors.email ? emailRef : passwordRef).current?.focus();
      return;
    }
    setFieldErrors({});
    setFormError(null);
    setPending(true);
    try {
      const result = await signIn<"credentials">("credentials", { ...parsed.data, redirect: false, callbackUrl });
      if (result?.ok && !result.error) {
        router.push(callbackUrl);
        return;
      }
      setFormError(messageFor(result?.error ?? "Sign-in failed; try again"));
    } catch {
      setFormError("Could not reach the server; check your connection and try again");
    }
    setPending(false);
    passwordRef.current?.select();
  }

  const describedBy = (field: Field) => (fieldErrors[field] ? `${id}-${field}-error` : undefined);

  return (
    <section className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm" aria-labelledby={`${id}-title`}>
      <div className="mb-6 flex items-center gap-3">
        <span className="rounded-lg bg-brand-50 p-2 text-brand-600">
          <KeyRound aria-hidden className="h-6 w-6" />
        </span>
        <div>
          <h1 id={`${id}-title`} className="text-lg font-semibold">
            Sign in
          </h1>
          <p className="text-sm text-slate-500">G2A Dropship dashboard</p>
        </div>
      </div>
      <form className="space-y-4" onSubmit={onSubmit} noValidate aria-labelledby={`${id}-title`}>
        {formError && (
          <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {formError}
          </p>
        )}
        <div>
          <label htmlFor={`${id}-email`} className="block text-sm font-medium">
            E-mail
          </label>
          <input
            ref={emailRef}
            id={`${id}-email`}
            type="email"
            name="email"
            autoComplete="username"
            required
            aria-invalid={fieldErrors.email ? true : undefined}
            aria-describedby={describedBy("email")}
            className={inputClass}
          />
          {fieldErrors.email && (
            <p id={`${id}-email-error`} className="mt-1 text-sm text-red-700">
              {fieldErrors.email}
            </p>
          )}
        </div>
        <div>
          <label htmlFor={`${id}-password`} className="block text-sm font-medium">
            Password
          </label>
          <input
            ref={passwordRef}
            id={`${id}-password`}
            type="password"
            name="password"
            autoComplete="current-password"
            required
            aria-invalid={fieldErrors.password ? true : undefined}
            aria-describedby={describedBy("password")}
            className={inputClass}
          />
          {fieldErrors.password && (
            <p id={`${id}-password-error`} className="mt-1 text-sm text-red-700">
              {fieldErrors.password}
            </p>
          )}
        </div>
        <button
          type="submit"
          disabled={pending}
          className="w-full rounded-md bg-brand-600 px-3 py-2 text-sm font-medium text-white hover:bg-brand-700 focus:outline-none focus:ring-2 focus:ring-brand-500 focus:ring-offset-2 disabled:opacity-60"
        >
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
    </section>
  );
}
