import { randomUUID } from "node:crypto";
import type { FulfilmentMode } from "./catalogue";
import type { SeededRandom } from "./random";
import type { CodeType, SimCode } from "./state";

/** The fixed 1×1 PNG (70 bytes) served for every image code and product image (spec §13.10). */
export const PLACEHOLDER_PNG_BASE64 =
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

export const CODE_STATUS_LABELS: Record<CodeType, string> = {
  CODE_TEXT: "Text code",
  CODE_IMAGE: "Image code",
  CODE_PREORDER: "Pre-ordered code",
};

const KEY_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const KEY_GROUPS = 3;
const GROUP_LENGTH = 4;

/**
 * Draws text keys from the seeded generator. The set of issued keys lives as long as the process,
 * across resets, because keys must be unique for the life of the process.
 */
export class KeyGenerator {
  private readonly issued = new Set<string>();

  constructor(private readonly random: SeededRandom) {}

  /** Marks keys loaded from a state file as taken. */
  remember(key: string): void {
    this.issued.add(key);
  }

  next(identifier: string): string {
    for (;;) {
      const groups: string[] = [];
      for (let group = 0; group < KEY_GROUPS; group++) {
        let text = "";
        for (let i = 0; i < GROUP_LENGTH; i++) text += KEY_ALPHABET[this.random.nextInt(KEY_ALPHABET.length)];
        groups.push(text);
      }
      const key = `${identifier}-${groups.join("-")}`;
      if (!this.issued.has(key)) {
        this.issued.add(key);
        return key;
      }
    }
  }
}

const CODE_TYPE_BY_MODE: Record<FulfilmentMode, CodeType> = {
  instant: "CODE_TEXT",
  delayed: "CODE_TEXT",
  image: "CODE_IMAGE",
  preorder: "CODE_PREORDER",
};

/**
 * The codes of a new order line. Delayed keys are drawn now and only shown once the delay has passed,
 * so that the key sequence depends on the orders made, not on when they are read.
 */
export function createLineCodes(
  mode: FulfilmentMode,
  quantity: number,
  identifier: string,
  keys: KeyGenerator,
): SimCode[] {
  const codeType = CODE_TYPE_BY_MODE[mode];
  return Array.from({ length: quantity }, () => ({
    codeId: randomUUID(),
    codeType,
    key: codeType === "CODE_TEXT" ? keys.next(identifier) : null,
  }));
}

/** Turns a pending pre-order code into a text code, keeping its codeId. */
export function releasePreorderCode(code: SimCode, identifier: string, keys: KeyGenerator): void {
  code.codeType = "CODE_TEXT";
  code.key = keys.next(identifier);
}
