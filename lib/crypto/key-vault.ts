import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { AppError } from "@/lib/errors";

const FORMAT_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const HEADER_BYTES = 1 + IV_BYTES + TAG_BYTES;

export type KeyVault = {
  /** Encrypts key material; `context` (e.g. the key's id) is authenticated, so a sealed value cannot be moved to another row. */
  seal(plaintext: Uint8Array | string, context: string): Uint8Array<ArrayBuffer>;
  /** Decrypts and authenticates; throws KEY_UNREADABLE on a wrong key, a wrong context or tampered bytes. */
  open(sealed: Uint8Array, context: string): Buffer;
};

/**
 * AES-256-GCM vault for purchased keys at rest.
 * Layout: version (1 byte) | IV (12 bytes) | auth tag (16 bytes) | ciphertext.
 */
export function createKeyVault(keyBase64: string): KeyVault {
  const key = Buffer.from(keyBase64, "base64");
  if (key.length !== 32) {
    throw new AppError("INTERNAL", "KEY_ENCRYPTION_KEY must be 32 bytes encoded in base64");
  }

  return {
    seal(plaintext, context) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
      cipher.setAAD(Buffer.from(context, "utf8"));
      const body = Buffer.concat([
        cipher.update(typeof plaintext === "string" ? Buffer.from(plaintext, "utf8") : plaintext),
        cipher.final(),
      ]);
      return new Uint8Array(Buffer.concat([Buffer.from([FORMAT_VERSION]), iv, cipher.getAuthTag(), body]));
    },

    open(sealed, context) {
      const bytes = Buffer.from(sealed);
      if (bytes.length < HEADER_BYTES || bytes[0] !== FORMAT_VERSION) {
        throw unreadable();
      }
      const iv = bytes.subarray(1, 1 + IV_BYTES);
      const tag = bytes.subarray(1 + IV_BYTES, HEADER_BYTES);
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, iv, { authTagLength: TAG_BYTES });
        decipher.setAAD(Buffer.from(context, "utf8"));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(bytes.subarray(HEADER_BYTES)), decipher.final()]);
      } catch (cause) {
        throw unreadable(cause);
      }
    },
  };
}

function unreadable(cause?: unknown): AppError {
  return new AppError("INTERNAL", "A stored key could not be decrypted: wrong KEY_ENCRYPTION_KEY or damaged data", {
    cause,
  });
}
