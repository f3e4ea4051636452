import type { Metadata } from "next";
import { connection } from "next/server";
import { Providers } from "@/components/providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "G2A Dropship", template: "%s · G2A Dropship" },
  description: "Sell CodesWholesale keys on G2A without holding stock.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Rendered per request: each page carries the script nonce of its Content-Security-Policy (proxy.ts).
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen">
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
