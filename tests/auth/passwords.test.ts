import { describe, expect, it } from "vitest";
import { generatePassword, hashPassword, verifyPassword } from "@/lib/auth/passwords";

describe("password hashing", () => {
  it("accepts the password it hashed and refuses any other", async () => {
    const stored = await hashPassword("correct horse battery staple");
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
    expect(await verifyPassword("correct horse battery stapl", stored)).toBe(false);
    expect(await verifyPassword("", stored)).toBe(false);
  });

  it("stores scrypt$N$r$p$salt$hash with a 16-byte salt and a 64-byte key, never the password", async () => {
    const stored = await hashPassword("s3cret-Passw0rd");
    const [scheme, N, r, p, salt, hash] = stored.split("$");
    expect([scheme, N, r, p]).toEqual(["scrypt", "16384", "8", "1"]);
    expect(Buffer.from(salt!, "base64")).toHaveLength(16);
    expect(Buffer.from(hash!, "base64")).toHaveLength(64);
    expect(stored).not.toContain("s3cret");
  });

  it("never produces the same hash twice for one password", async () => {
    const [a, b] = await Promise.all([hashPassword("same password"), hashPassword("same password")]);
    expect(a).not.toBe(b);
    expect(await verifyPassword("same password", a)).toBe(true);
    expect(await verifyPassword("same password", b)).toBe(true);
  });

  it("treats a malformed stored hash as no match instead of throwing", async () => {
    for (const stored of [
      "",
      "plain-text",
      "scrypt$16384$8$1$$",
      "bcrypt$2a$10$abc",
      "scrypt$1000$8$1$c2FsdA==$aGFzaGhhc2hoYXNoaGFzaA==",
    ]) {
      expect(await verifyPassword("anything", stored)).toBe(false);
    }
  });

  it("generates readable passwords of at least 16 characters, different every time", () => {
    const passwords = Array.from({ length: 50 }, generatePassword);
    for (const password of passwords) {
      expect(password.length).toBeGreaterThanOrEqual(16);
      expect(password).toMatch(/^[A-Za-z2-9-]+$/);
      expect(password).not.toMatch(/[01OlI]/);
    }
    expect(new Set(passwords).size).toBe(passwords.length);
  });
});
