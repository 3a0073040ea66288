// How a download names its file, one rule for the hub's API and a provider installation's pages.

/** RFC 8187's value-chars: encodeURIComponent leaves ' ( ) * as they are, which are not among them. */
const extValue = (text: string) =>
  encodeURIComponent(text).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);

/**
 * How a download names its file (RFC 6266): quoted when the name is plain ASCII; else its RFC 8187 form
 * (`filename*`, which a name with an apostrophe broke: Chromium splits the value at each ' and then names
 * the file after the URL, without its extension), after a quoted ASCII stand-in for clients without it.
 */
export function contentDisposition(fileName: string): string {
  if (/^[\x20-\x7e]+$/.test(fileName) && !/["\\]/.test(fileName)) return `attachment; filename="${fileName}"`;
  const standIn = fileName.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `attachment; filename="${standIn}"; filename*=UTF-8''${extValue(fileName)}`;
}
