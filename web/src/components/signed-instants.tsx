// The instants of what the approver signs, read in the approver's own zone: beside the exact bytes,
// which stay as the server built them (UTC, `…Z`), so that "when" is read without converting by hand.
// Only a reading: nothing here changes what is signed.
import { formatOffset, parseIsoInstant, TimeError, zoneOffsetAt } from '#shokai/time';
import type { Bilingual } from '#shokai/vocabulary';
import { type MessageKey, messages } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { fieldInWords } from '../lib/error-text.ts';
import { viewerZone } from '../time/format.ts';
import { Section } from './common.tsx';
import { Table } from './table.tsx';

interface Found {
  path: string[];
  value: string;
}

const isInstant = (v: string) => {
  try {
    parseIsoInstant(v);
    return true;
  } catch (e) {
    if (e instanceof TimeError) return false;
    throw e;
  }
};

/** Every string of the payload that is an instant, in document order, with where it sits. */
export function instantsIn(value: unknown, path: string[] = []): Found[] {
  if (typeof value === 'string') return isInstant(value) ? [{ path, value }] : [];
  if (Array.isArray(value)) return value.flatMap((v, i) => instantsIn(v, [...path, String(i)]));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => instantsIn(v, [...path, k]));
  }
  return [];
}

/** Outside the request's content, the envelope's own instants (a duty designation's are its period). */
const ENVELOPE_LABELS: Readonly<Record<string, MessageKey>> = {
  issuedAt: 'approval.issuedAt',
  'dutyDesignation.designation.designatedAt': 'approval.dutyDesignatedAt',
  'dutyDesignation.designation.validFrom': 'approval.dutyFrom',
  'dutyDesignation.designation.validUntil': 'approval.dutyUntil',
};

/** The instant's name in words (never its path): the content's fields as the forms name them. */
function labelOf(path: string[]): Bilingual {
  const key = ENVELOPE_LABELS[path.join('.')];
  if (key !== undefined) return messages[key];
  const last = path[path.length - 1];
  if (path[0] === 'content' && last === 'orderedAt') return messages['civilForm.orderedAt'];
  if (path[0] === 'content') return fieldInWords(path.join('.')) ?? messages['approval.instantOther'];
  return messages['approval.instantOther'];
}

/** The table of the payload's instants: the signed value, and the same instant in the viewer's zone. */
export function SignedInstants({ canonical }: { canonical: string }) {
  const { t, bi, dateTime } = useI18n();
  const zone = viewerZone();
  const found = instantsIn(JSON.parse(canonical) as unknown);
  if (found.length === 0) return null;
  const offset = formatOffset(zoneOffsetAt(zone, Date.now()));
  return (
    <Section title={t('approval.instants')}>
      <p className="hint">{t('approval.instantsHint', { zone, offset })}</p>
      <Table
        caption={t('approval.instants')}
        testId="signed-instants"
        rowHeader
        rows={found}
        rowKey={(f) => f.path.join('.')}
        columns={[
          { head: t('approval.instantWhat'), cell: (f) => bi(labelOf(f.path)) },
          {
            head: t('approval.instantInZone', { zone }),
            cell: (f) => <span data-testid="local">{dateTime(f.value)}</span>,
          },
          { head: t('approval.instantSigned'), cell: (f) => <code data-testid="signed">{f.value}</code> },
        ]}
      />
    </Section>
  );
}
