// The judge issues an order the court makes in the system (a disclosure order, a provision or
// erasure-prohibition order): case number, the time it is made (never in the future), the operative
// part, and his own passkey over exactly the order the server shows him.
import { type FormEvent, useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { ShownError } from '../lib/error-text.ts';
import { signDigest } from '../lib/passkey.ts';
import type { Act } from './application-steps.tsx';
import { InstantInput, TextField } from './common.tsx';

interface OrderBody {
  caseNumber: string;
  orderedAt: string;
  content: string;
}

export function OrderIssueForm({
  busy,
  act,
  label,
  intro,
  preview,
  issue,
}: {
  busy: boolean;
  act: Act;
  label: string;
  intro: string;
  preview: (body: OrderBody) => Promise<{ digest: string; passkey: { credentialId: string; rpId: string } | null }>;
  issue: (body: OrderBody & { assertion: never }) => Promise<unknown>;
}) {
  const { t } = useI18n();
  const [zone, setZone] = useState('Asia/Tokyo');
  const [caseNumber, setCaseNumber] = useState('');
  const [orderedAt, setOrderedAt] = useState('');
  const [content, setContent] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act(async () => {
      const body = { caseNumber: caseNumber.trim(), orderedAt, content: content.trim() };
      const shown = await preview(body);
      if (!shown.passkey) throw new ShownError(t('wapp.noPasskey'));
      const assertion = await signDigest(shown.digest, shown.passkey);
      return issue({ ...body, assertion: assertion as never });
    });
  };
  return (
    <form onSubmit={submit} aria-label={label} className="attest-form">
      <p className="hint">{intro}</p>
      <TextField label={t('civilForm.orderCaseNumber')} required value={caseNumber} onChange={setCaseNumber} />
      <InstantInput
        label={t('civilForm.orderedAt')}
        required
        value={orderedAt}
        onChange={setOrderedAt}
        zone={zone}
        onZoneChange={setZone}
      />
      <TextField
        label={t('civilForm.orderContent')}
        required
        multiline
        rows={3}
        value={content}
        onChange={setContent}
      />
      <button type="submit" className="primary" disabled={busy}>
        {label}
      </button>
    </form>
  );
}
