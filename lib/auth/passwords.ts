import { randomBytes, randomInt, scrypt, timingSafeEqual, type ScryptOptions } from "node:crypto";

// OWASP's scrypt floor (N=2^14, r=8, p=1): ~50 ms and 16 MiB per guess, cheap enough for a sign-in.
const COST = { N: 16_384, r: 8, p: 1 } as const;
const KEY_LENGTH = 64;
const SALT_LENGTH = 16;
// Node refuses N=2^17 and up under its default 32 MiB cap; leave room for stored hashes with a higher cost.
const MAX_MEMORY = 256 * 1024 * 1024;

function derive(plain: string, salt: Buffer, cost: ScryptOptions, keyLength: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(plain.normalize("NFC"), salt, keyLength, { ...cost, maxmem: MAX_MEMORY }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** Hashes a password as `scrypt$N$r$p$saltB64$hashB64`, with a fresh random salt each time. */
export async function hashPassword(plain: string): Promise<string> {
  const salt = randomBytes(SALT_LENGTH);
  const hash = await derive(plain, salt, COST, KEY_LENGTH);
  return ["scrypt", COST.N, COST.r, COST.p, salt.toString("base64"), hash.toString("base64")].join("$");
}

type StoredHash = { cost: Required<Pick<ScryptOptions, "N" | "r" | "p">>; salt: Buffer; hash: Buffer };

function parseStoredHash(stored: string): StoredHash | null {
  const match = /^scrypt\$(\d{1,7})\$(\d{1,3})\$(\d{1,3})\$([A-Za-z0-9+/]+={0,2})\$([A-Za-z0-9+/]+={0,2})$/.exec(
    stored,
  );
  if (!match) return null;
  const [N, r, p] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const salt = Buffer.from(match[4]!, "base64");
  const hash = Buffer.from(match[5]!, "base64");
  // N must be a power of two above 1; a hash shorter than 16 bytes is not one we wrote.
  if (N < 2 || (N & (N - 1)) !== 0 || r < 1 || p < 1 || salt.length === 0 || hash.length < 16) return null;
  return { cost: { N, r, p }, salt, hash };
}

/**
 * Whether `plain` matches a stored hash, compared in constant time. The cost comes from the
 * stored string, so hashes written with other parameters keep working. A malformed hash never matches.
 */
export async function verifyPassword(plain: string, stored: string): Promise<boolean> {
  const parsed = parseStoredHash(stored);
  if (!parsed) return false;
  const candidate = await derive(plain, parsed.salt, parsed.cost, parsed.hash.length);
  return timingSafeEqual(candidate, parsed.hash);
}

// No 0/O, 1/l/I: the generated password is read off a terminal and typed by hand.
const READABLE = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A random password of four dash-separated groups of five readable characters (~114 bits). */
export function generatePassword(): string {
  const group = () => Array.from({ length: 5 }, () => READABLE[randomInt(READABLE.length)]).join("");
  return Array.from({ length: 4 }, group).join("-");
}
