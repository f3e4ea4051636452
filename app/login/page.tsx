import type { Metadata } from "next";
import { SignInCard } from "@/components/auth/sign-in-card";

export const metadata: Metadata = { title: "Sign in" };

const PROBE = "http://this-site.invalid";

/**
 * Only a path on this site: anything that resolves elsewhere ("//evil.example", "/\\evil.example",
 * tabs the URL parser drops) would make sign-in an open redirect.
 */
function safeCallbackUrl(value: string | string[] | undefined): string {
  const path = Array.isArray(value) ? value[0] : value;
  if (!path?.startsWith("/")) return "/";
  const resolved = new URL(path, PROBE);
  if (resolved.origin !== PROBE || resolved.pathname.startsWith("/login")) return "/";
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string | string[] }>;
}) {
  const { callbackUrl } = await searchParams;
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <SignInCard callbackUrl={safeCallbackUrl(callbackUrl)} />
    </main>
  );
}
