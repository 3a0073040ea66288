import { useState } from 'react';
import { PROVIDER_CATEGORY_LABELS, type ProviderCategory, WHOM_VERDICT_LABELS } from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { WhomAnswer } from '../api/types.ts';
import { ActionForm } from '../components/action-form.tsx';
import { FactRow, Facts, InstantInput, orgName, Section, TextField, Time } from '../components/common.tsx';
import { Table } from '../components/table.tsx';
import { WhomDomainForm } from '../components/whom-domain.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useLocation } from '../lib/router.tsx';
import { parseTargetList } from '../lib/targets.ts';
import { useAction } from '../lib/use-action.ts';
import { viewerZone } from '../time/format.ts';

const isCategory = (c: string | null): c is ProviderCategory => c !== null && c in PROVIDER_CATEGORY_LABELS;

/**
 * "Whom to ask" about an address: the directory's declared networks first, then the registry data.
 * An address, and when known the source port and the instant, gives the holder to address the next
 * request to (domestic, foreign, internet café) and why. A line as an answer writes it
 * (`203.0.113.45:51234 2026-11-30 23:42:17 +09:00`) can be pasted instead.
 */
export function WhomPage() {
  const { t, bi, locale } = useI18n();
  const { search } = useLocation();
  const [address, setAddress] = useState(search.get('address') ?? '');
  const [port, setPort] = useState(search.get('port') ?? '');
  const [at, setAt] = useState(search.get('at') ?? '');
  const [zone, setZone] = useState(viewerZone);
  const [paste, setPaste] = useState('');
  const [pasteError, setPasteError] = useState<string | null>(null);
  const { busy, error, submit } = useAction();
  const [result, setResult] = useState<WhomAnswer | null>(null);
  // Remounts the instant input when a pasted line sets it (the input keeps its own wall-clock text).
  const [instantKey, setInstantKey] = useState(0);

  const ask = submit(
    async () =>
      setResult(
        await api.whom({
          address: address.trim(),
          ...(port.trim() ? { port: Number(port.trim()) } : {}),
          ...(at ? { at } : {}),
        }),
      ),
    () => setResult(null),
  );
  const readPaste = () => {
    const { rows } = parseTargetList(paste, zone);
    const row = rows.find((r) => r.type === 'ip');
    if (!row) {
      setPasteError(t('whom.pasteUnread'));
      return;
    }
    setPasteError(null);
    setAddress(row.value);
    setPort(row.port);
    setAt(row.at);
    setInstantKey((k) => k + 1);
  };
  const reg = result?.registry ?? null;
  return (
    <div>
      <h1>{t('whom.title')}</h1>
      <p className="hint">{t('whom.intro')}</p>
      <Section title={t('whom.pasteTitle')}>
        <TextField label={t('whom.paste')} hint={t('whom.pasteHint')} value={paste} onChange={setPaste} />
        {pasteError && <p className="field-error">{pasteError}</p>}
        <button type="button" className="secondary" onClick={readPaste} disabled={!paste.trim()}>
          {t('whom.pasteRead')}
        </button>
      </Section>
      <ActionForm
        label={t('whom.title')}
        submit={t('whom.ask')}
        onSubmit={ask}
        busy={busy}
        ready={!!address.trim()}
        error={error}
      >
        <TextField label={t('whom.address')} required value={address} onChange={setAddress} name="address" />
        <TextField
          label={t('whom.port')}
          hint={t('whom.portHint')}
          value={port}
          onChange={setPort}
          name="port"
          inputMode="numeric"
        />
        <InstantInput
          key={instantKey}
          label={t('whom.at')}
          value={at}
          onChange={setAt}
          zone={zone}
          onZoneChange={setZone}
        />
      </ActionForm>
      {result && (
        <div data-testid="whom-answer">
          <Section title={t('whom.answer')}>
            <p className="origin">
              <span className={`badge verdict-${result.verdict}`} data-testid="whom-verdict">
                {bi(WHOM_VERDICT_LABELS[result.verdict])}
              </span>{' '}
              <strong data-testid="whom-summary">{bi(result.summary)}</strong>
            </p>
            <dl className="facts">
              <FactRow label={t('whom.address')}>
                <code>{result.address}</code>
                {result.port !== null ? ` : ${result.port}` : ''}
                {result.at ? (
                  <>
                    {' '}
                    · <Time value={result.at} />
                  </>
                ) : null}
              </FactRow>
              <FactRow label={t('whom.holder')} testId="whom-holder">
                {result.holder ? (
                  <>
                    {orgName(result.holder, locale)}
                    {isCategory(result.holder.providerCategory)
                      ? `（${bi(PROVIDER_CATEGORY_LABELS[result.holder.providerCategory])}）`
                      : ''}{' '}
                    <span className="muted">
                      {t('whom.matched')} {result.holder.matched}
                    </span>
                  </>
                ) : (
                  t('whom.noHolder')
                )}
              </FactRow>
            </dl>
          </Section>
          <Section title={t('whom.why')}>
            <ul className="warnings" data-testid="whom-reasons">
              {result.reasons.map((r) => (
                <li key={r.code}>{bi(r.message)}</li>
              ))}
            </ul>
          </Section>
          <Section title={t('whom.registry')}>
            {reg ? (
              <>
                <Facts
                  rows={[
                    ['whom.reg.registry', reg.registry],
                    ['whom.reg.country', reg.country],
                    ['whom.reg.range', reg.range ? `${reg.range.start} – ${reg.range.end}` : null],
                    ['whom.reg.cidrs', reg.range ? reg.range.cidrs.join(', ') : null],
                    ['whom.reg.holder', reg.holder?.name ?? null],
                    ['whom.reg.handle', reg.holder?.handle ?? null],
                    ['whom.reg.abuse', reg.abuse],
                    ['whom.reg.asns', reg.asns.length ? reg.asns.map((a) => `AS${a}`).join(', ') : null],
                  ]}
                />
                <Table
                  className="log"
                  caption={t('whom.sources')}
                  showCaption
                  rows={reg.source}
                  rowKey={(s) => `${s.sha256}-${s.range}`}
                  columns={[
                    { head: t('whom.src.file'), cell: (s) => s.file },
                    { head: t('whom.src.format'), cell: (s) => s.format },
                    { head: t('whom.src.range'), cell: (s) => s.range },
                    { head: t('whom.src.dataDate'), cell: (s) => s.dataDate ?? '—' },
                    { head: t('whom.src.imported'), cell: (s) => <Time value={s.importedAt} /> },
                  ]}
                />
              </>
            ) : (
              <p className="muted">{t('whom.noRegistry')}</p>
            )}
          </Section>
        </div>
      )}
      <WhomDomainForm at={at} />
    </div>
  );
}
