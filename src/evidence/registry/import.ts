import { EvidenceInputError } from '../messages.ts';
import { detectRegistryFormat } from './detect.ts';
import { parseDelegated } from './parse-delegated.ts';
import { parseJpnic } from './parse-jpnic.ts';
import { parseRdap } from './parse-rdap.ts';
import type { ParsedRegistryFile, RegistrySource } from './types.ts';

/** Parse registry data of a given or detected format. Throws EvidenceInputError, naming the file, if undetectable. */
export function parseRegistryFile(text: string, format?: RegistrySource['format'], name = ''): ParsedRegistryFile {
  const f = format ?? detectRegistryFormat(text);
  const file = name === '' ? '' : `${name}: `;
  if (f === null) {
    throw new EvidenceInputError({
      code: 'REGISTRY_FORMAT_UNKNOWN',
      en: `${file}not recognised as delegated statistics, RDAP ip network JSON or JPNIC WHOIS text; give --format.`,
      ja: `${file}delegated 統計・RDAP ip network JSON・JPNIC WHOIS テキストのいずれとも判別できません。--format を指定してください。`,
    });
  }
  if (f === 'delegated') return parseDelegated(text);
  if (f === 'rdap') return parseRdap(text);
  return parseJpnic(text);
}
