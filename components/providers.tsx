"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { SessionProvider } from "next-auth/react";
import { useState } from "react";
import { z } from "zod";

// In the browser zod would probe whether it may compile validators with `new Function`; the page's
// Content-Security-Policy forbids that, and the probe alone is reported as a violation.
z.config({ jitless: true });

/** The client-side context every page shares: the next-auth session and one react-query cache. */
export function Providers({ children }: { children: React.ReactNode }) {
  // One cache per browser tab, created on first render (a module-level client would be shared between server requests).
  const [queryClient] = useState(
    () => new QueryClient({ defaultOptions: { queries: { staleTime: 5_000, retry: 1 } } }),
  );
  return (
    <SessionProvider>
      <QueryClientProvider client={queryClient}>{children}</QueryClientProvider>
    </SessionProvider>
  );
}
