"use client";

import { KeyRound } from "lucide-react";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useId, useRef, useState, type FormEvent } from "react";
import { z } from "zod";
import { TextField } from "@/components/ui/text-field";
import { signInSchema, type SignInInput } from "@/lib/auth/sign-in-schema";

type Field = keyof SignInInput;
type FieldErrors = Partial<Record<Field, string>>;

// next-auth's own code for a refused sign-in; our authorize() normally throws a sentence instead.
const MESSAGES: Record<string, string> = { CredentialsSignin: "Invalid e-mail or password" };

function messageFor(error: string): string {
  return MESSAGES[error] ?? error;
}

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

  return (
    <section
      className="w-full max-w-sm rounded-xl border border-slate-200 bg-white p-8 shadow-sm"
      aria-labelledby={`${id}-title`}
    >
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
        <TextField
          id={`${id}-email`}
          inputRef={emailRef}
          label="E-mail"
          type="email"
          name="email"
          autoComplete="username"
          required
          error={fieldErrors.email}
        />
        <TextField
          id={`${id}-password`}
          inputRef={passwordRef}
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          required
          error={fieldErrors.password}
        />
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
