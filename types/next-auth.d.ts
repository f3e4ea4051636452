import type { DefaultSession } from "next-auth";
import type { Actor } from "@/lib/audit";

// What our jwt and session callbacks add (lib/auth/options.ts).
declare module "next-auth" {
  interface Session {
    user: { id: string; email: string; role: Actor["role"] } & Omit<NonNullable<DefaultSession["user"]>, "email">;
  }
  interface User {
    role: Actor["role"];
    sessionVersion: number;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    id?: string;
    role?: Actor["role"];
    sessionVersion?: number;
    /** Seconds since the epoch: a session lasts 12 hours from here, however often it is renewed. */
    signedInAt?: number;
  }
}
