// Offering bytes the page holds as a file to save: the one way the screens hand a person a file (an
// attachment opened on the device, a recovery key, an export the server wrote).

/** Offers `blob` to save under `name`; the object URL is let go once the browser has taken it. */
export function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * The name a download's `Content-Disposition` gives (RFC 6266): the RFC 5987 `filename*` form before the
 * plain quoted `filename`, as the server writes one or the other; null when it names none.
 */
export function dispositionName(header: string | null): string | null {
  if (!header) return null;
  const extended = /filename\*\s*=\s*UTF-8''([^;]+)/i.exec(header);
  if (extended?.[1]) {
    try {
      return decodeURIComponent(extended[1].trim());
    } catch {
      // A malformed escape: fall back to the plain name, if any.
    }
  }
  const plain = /filename\s*=\s*"([^"]*)"/i.exec(header) ?? /filename\s*=\s*([^;\s]+)/i.exec(header);
  return plain?.[1] || null;
}
