// What the analyser refuses to read: large files (generated code, data dumps) and binary ones.

/** Larger files are skipped: they are generated code or data, not model definitions, and cost time. */
export const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** A NUL in the first 8 KiB marks a binary file, as git decides. */
export function looksBinary(head: string | Uint8Array): boolean {
  const n = Math.min(head.length, 8192);
  for (let i = 0; i < n; i++) {
    if ((typeof head === 'string' ? head.charCodeAt(i) : head[i]) === 0) return true;
  }
  return false;
}

/** Why a document is not analysed, or undefined when it is fine. */
export function skipReason(byteLength: number, head: string | Uint8Array): string | undefined {
  if (byteLength > MAX_FILE_BYTES) {
    return `file too large (${(byteLength / 1024 / 1024).toFixed(1)} MB; the limit is ${MAX_FILE_BYTES / 1024 / 1024} MB)`;
  }
  if (looksBinary(head)) return 'binary file';
  return undefined;
}
