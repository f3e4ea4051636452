export function toIso(epochMs: number): string {
  return new Date(epochMs).toISOString();
}
