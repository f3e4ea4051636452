import { oneLine } from "./wording";

/** How much of a receiver's answer a result may quote. */
export const EXCERPT_CHARS = 200;

const HIDDEN = "[hidden]";

/**
 * `text` with every secret replaced: a receiver may echo what it was sent (a URL's token, a
 * password) in its answer, and that answer is quoted to admins.
 */
export function withoutSecrets(text: string, secrets: readonly string[]): string {
  // Longest first, so that a secret containing another is hidden whole.
  const ordered = secrets.filter((secret) => secret.length > 0).sort((a, b) => b.length - a.length);
  return ordered.reduce((hidden, secret) => hidden.split(secret).join(HIDDEN), text);
}

/** A receiver's answer as a result may quote it: one line, secrets hidden, at most ~200 characters. */
export function answerExcerpt(text: string, secrets: readonly string[]): string {
  // Hidden before and after folding: a secret may hold a line break or a run of spaces.
  const line = withoutSecrets(oneLine(withoutSecrets(text, secrets)).replace(/\s+/g, " "), secrets);
  return line.length > EXCERPT_CHARS ? `${line.slice(0, EXCERPT_CHARS)}…` : line;
}
