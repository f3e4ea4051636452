const SIGNATURES: Array<{ mimeType: string; ext: string; matches: (bytes: Buffer) => boolean }> = [
  {
    mimeType: "image/png",
    ext: "png",
    matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  { mimeType: "image/jpeg", ext: "jpg", matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    mimeType: "image/gif",
    ext: "gif",
    matches: (b) =>
      b.subarray(0, 6).toString("latin1") === "GIF87a" || b.subarray(0, 6).toString("latin1") === "GIF89a",
  },
  {
    mimeType: "image/webp",
    ext: "webp",
    matches: (b) => b.subarray(0, 4).toString("latin1") === "RIFF" && b.subarray(8, 12).toString("latin1") === "WEBP",
  },
  { mimeType: "application/pdf", ext: "pdf", matches: (b) => b.subarray(0, 5).toString("latin1") === "%PDF-" },
];

const BY_EXTENSION: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  pdf: "application/pdf",
};

/**
 * The MIME type and file extension of a key delivered as a file (g2a-merchant-contract.md §6.6):
 * from the first bytes, else from the supplier's file name, else application/octet-stream / bin.
 */
export function fileTypeOf(bytes: Buffer, supplierFileName: string | null): { mimeType: string; ext: string } {
  const sniffed = SIGNATURES.find((signature) => signature.matches(bytes));
  if (sniffed) return { mimeType: sniffed.mimeType, ext: sniffed.ext };
  const ext = /\.([A-Za-z0-9]{1,5})$/.exec(supplierFileName ?? "")?.[1]?.toLowerCase();
  const named = ext ? SIGNATURES.find((signature) => signature.mimeType === BY_EXTENSION[ext]) : undefined;
  // A recognised type names the extension itself ("code.jpeg" is served as .jpg); others keep CWS's.
  if (named) return { mimeType: named.mimeType, ext: named.ext };
  if (ext) return { mimeType: "application/octet-stream", ext };
  return { mimeType: "application/octet-stream", ext: "bin" };
}
