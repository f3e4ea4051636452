import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createKeyVault } from "@/lib/crypto";
import { AppError } from "@/lib/errors";

const vault = createKeyVault(randomBytes(32).toString("base64"));

function flipByte(buffer: Uint8Array, index: number): Buffer {
  const copy = Buffer.from(buffer);
  copy[index] = (copy[index] ?? 0) ^ 0x01;
  return copy;
}

describe("key vault", () => {
  it("round-trips a text key", () => {
    const sealed = vault.seal("NEONDO-7KQ2-M4XP-Z9TA", "key-1");
    expect(vault.open(sealed, "key-1").toString("utf8")).toBe("NEONDO-7KQ2-M4XP-Z9TA");
  });

  it("round-trips binary image bytes", () => {
    const png = randomBytes(4096);
    expect(vault.open(vault.seal(png, "key-2"), "key-2").equals(png)).toBe(true);
  });

  it("never stores the plaintext and never seals the same way twice", () => {
    const first = vault.seal("SKYOUT-AAAA-BBBB", "key-3");
    const second = vault.seal("SKYOUT-AAAA-BBBB", "key-3");
    expect(Buffer.from(first).includes(Buffer.from("SKYOUT"))).toBe(false);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(false);
  });

  it.each([
    ["version byte", 0],
    ["IV", 5],
    ["auth tag", 20],
    ["ciphertext", 31],
  ])("detects tampering with the %s", (_part, index) => {
    const sealed = vault.seal("TWTCO-1234-5678", "key-4");
    expect(() => vault.open(flipByte(sealed, index), "key-4")).toThrow(AppError);
  });

  it("detects a truncated value", () => {
    const sealed = vault.seal("TWTCO-1234-5678", "key-5");
    expect(() => vault.open(Buffer.from(sealed).subarray(0, 20), "key-5")).toThrow(/could not be decrypted/);
  });

  it("refuses a value sealed for another key row", () => {
    const sealed = vault.seal("MISTVH-0000", "key-6");
    expect(() => vault.open(sealed, "key-7")).toThrow(/could not be decrypted/);
  });

  it("refuses to open with the wrong KEY_ENCRYPTION_KEY, without revealing anything", () => {
    const other = createKeyVault(randomBytes(32).toString("base64"));
    const sealed = vault.seal("PIXHAR-SECRET-CODE", "key-8");
    try {
      other.open(sealed, "key-8");
      expect.unreachable("opening with the wrong key must fail");
    } catch (error) {
      expect(error).toBeInstanceOf(AppError);
      expect(String((error as Error).message)).not.toContain("PIXHAR");
    }
  });

  it("rejects an encryption key that is not 32 bytes", () => {
    expect(() => createKeyVault(randomBytes(16).toString("base64"))).toThrow(/32 bytes/);
  });
});
