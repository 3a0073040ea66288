import { readFileSync } from 'node:fs';
import { tr } from './language.ts';

/**
 * The JSON in a file the person named; one that cannot be read or is not JSON is refused naming the
 * file (`keyFile` names it as a key file).
 */
export function readJsonFile(path: string, kind: 'json' | 'keyFile' = 'json'): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch (err) {
    const why = (err as Error).message;
    throw new Error(
      kind === 'keyFile'
        ? tr(`鍵ファイル ${path} を読めません: ${why}`, `cannot read the key file ${path}: ${why}`)
        : tr(`${path} を JSON として読めません: ${why}`, `cannot read ${path} as JSON: ${why}`),
    );
  }
}
