// The judge issues an order the court makes in the system (a disclosure order, a provision or
// erasure-prohibition order): case number, the time it is made (never in the future), the operative
// part, and his own passkey over exactly the order the server shows him. The same three fields take a
// court's order the lawyer enters by hand on the civil request form.
import { useState } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { viewerZone } from '../time/format.ts';
import { ActionForm } from './action-form.tsx';
import { type Act, useJudgeSigned } from './application-steps.tsx';
import { InstantInput, TextField } from './common.tsx';

interface OrderBody {
  caseNumber: string;
  orderedAt: string;
  content: string;
}

/** A court's order: its case number, when it was made (in `zone`), and its operative part. */
export function CourtOrderFields({
  value,
  onChange,
  zone,
  onZoneChange,
}: {
  value: OrderBody;
  onChange: (patch: Partial<OrderBody>) => void;
  zone: string;
  onZoneChange: (zone: string) => void;
}) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        label={t('civilForm.orderCaseNumber')}
        name="orderCaseNumber"
        required
        value={value.caseNumber}
        onChange={(caseNumber) => onChange({ caseNumber })}
      />
      <InstantInput
        label={t('civilForm.orderedAt')}
        required
        value={value.orderedAt}
        onChange={(orderedAt) => onChange({ orderedAt })}
        zone={zone}
        onZoneChange={onZoneChange}
      />
      <TextField
        label={t('civilForm.orderContent')}
        name="orderContent"
        required
        multiline
        rows={3}
        value={value.content}
        onChange={(content) => onChange({ content })}
      />
    </>
  );
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
  const [zone, setZone] = useState(viewerZone);
  const [order, setOrder] = useState<OrderBody>({ caseNumber: '', orderedAt: '', content: '' });
  const submit = useJudgeSigned(
    act,
    { ...order, caseNumber: order.caseNumber.trim(), content: order.content.trim() },
    preview,
    issue,
  );
  return (
    <ActionForm label={label} onSubmit={submit} busy={busy} className="attest-form">
      <p className="hint">{intro}</p>
      <CourtOrderFields
        value={order}
        onChange={(patch) => setOrder((o) => ({ ...o, ...patch }))}
        zone={zone}
        onZoneChange={setZone}
      />
    </ActionForm>
  );
}
