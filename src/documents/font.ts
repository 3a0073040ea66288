import { readFileSync } from 'node:fs';
import { DomainError } from '../domain/errors.ts';

/**
 * The Japanese font of the documents: IPAex明朝 (IPAexMincho), a TrueType font from Debian's
 * `fonts-ipaexfont-mincho` (IPA Font License). TrueType because pdf-lib's font engine subsets
 * TrueType outlines correctly, while its subsets of the CFF-based Noto CJK fonts come out broken
 * (poppler: "Embedded font file may be invalid"); IPAex because its version (00401) has not changed
 * since 2019, so a document rendered today re-renders the same glyph ids and widths when it is verified
 * years later on another machine. `SHOKAI_DOCUMENT_FONT` names another TrueType file.
 */
export const DOCUMENT_FONT_PACKAGE = 'fonts-ipaexfont-mincho';
export const DEFAULT_DOCUMENT_FONT = '/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf';

let cached: { path: string; bytes: Uint8Array } | undefined;

export function documentFontPath(): string {
  return process.env.SHOKAI_DOCUMENT_FONT || DEFAULT_DOCUMENT_FONT;
}

/** The font's bytes (read once per path), or a clear error naming the package to install. */
export function documentFont(): Uint8Array {
  const path = documentFontPath();
  if (cached?.path === path) return cached.bytes;
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new DomainError(
      'INTERNAL',
      {
        ja:
          `文書用の日本語フォント ${path} がありません。Debian のパッケージ ${DOCUMENT_FONT_PACKAGE} を入れるか、SHOKAI_DOCUMENT_FONT に ` +
          'TrueType フォントを指定してください',
        en:
          `the documents' Japanese font ${path} is missing: install the Debian package ${DOCUMENT_FONT_PACKAGE} ` +
          'or point SHOKAI_DOCUMENT_FONT at a TrueType font',
      },
      { field: 'SHOKAI_DOCUMENT_FONT', value: path },
    );
  }
  cached = { path, bytes };
  return bytes;
}
