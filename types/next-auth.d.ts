import type { DefaultSession } from "next-auth";
import type { Actor } from "@/lib/audit";

// The id and role our jwt and session callbacks add (lib/auth/options.ts).
declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; role: Actor["role"] } & Omit<NonNullable<DefaultSession["user"]>, "email">;
  }
  interface User {
    role: Actor["role"];
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    id?: string;
    role?: Actor["role"];
  }
}
