import { useState } from 'react';
import { toleranceWords } from '#shokai/shown-text';
import { LINE_USE_LABELS, SOURCE_RECORD_KIND_LABELS } from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { AttributionLookup } from '../api/types.ts';
import { ActionForm } from '../components/action-form.tsx';
import { InstantInput, Section, TextField, Time } from '../components/common.tsx';
import { Table } from '../components/table.tsx';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useLocation } from '../lib/router.tsx';
import { useAction } from '../lib/use-action.ts';
import { viewerZone } from '../time/format.ts';

const VERDICT_KEYS: Record<AttributionLookup['verdict'], MessageKey> = {
  unique: 'attr.verdict.unique',
  ambiguous: 'attr.verdict.ambiguous',
  none: 'attr.verdict.none',
};

/**
 * For a provider's operators: who held this address (and port) at that instant, from the logs this
 * installation ingested — one holder, several, or none, with the log lines the answer rests on.
 * Only the provider the records belong to gets an answer; every lookup is audited.
 */
export function AttributionPage() {
  const { t, bi, locale } = useI18n();
  // Filled in when the officer comes from a communication it was given (a provision notice).
  const { search } = useLocation();
  const [address, setAddress] = useState(() => search.get('address') ?? '');
  const [port, setPort] = useState(() => search.get('port') ?? '');
  const [at, setAt] = useState(() => search.get('at') ?? '');
  const [tolerance, setTolerance] = useState(() => search.get('tolerance') ?? '');
  const [zone, setZone] = useState(viewerZone);
  const { busy, error, submit } = useAction();
  const [result, setResult] = useState<AttributionLookup | null>(null);

  const ask = submit(
    async () => {
      setResult(
        await api.attributionLookup({
          address: address.trim(),
          at,
          ...(port.trim() ? { port: Number(port.trim()) } : {}),
          ...(tolerance.trim() ? { toleranceSeconds: Number(tolerance.trim()) } : {}),
        }),
      );
    },
    () => setResult(null),
  );
  return (
    <div>
      <h1>{t('attr.title')}</h1>
      <p className="hint">{t('attr.intro')}</p>
      <ActionForm
        label={t('attr.title')}
        submit={t('attr.lookup')}
        onSubmit={ask}
        busy={busy}
        ready={!!address.trim() && !!at}
        error={error}
      >
        <TextField label={t('whom.address')} required value={address} onChange={setAddress} name="address" />
        <TextField label={t('target.port')} value={port} onChange={setPort} name="port" inputMode="numeric" />
        <InstantInput label={t('attr.at')} required value={at} onChange={setAt} zone={zone} onZoneChange={setZone} />
        <TextField
          label={t('target.tolerance')}
          value={tolerance}
          onChange={setTolerance}
          name="tolerance"
          inputMode="numeric"
        />
      </ActionForm>
      {result && (
        <div data-testid="attr-result">
          <Section title={t('attr.result')}>
            <p>
              <span className={`badge attr-${result.verdict}`} data-testid="attr-verdict">
                {t(VERDICT_KEYS[result.verdict])}
              </span>{' '}
              <code>{result.query.ip}</code>
              {result.query.port !== null ? ` : ${result.query.port}` : ''} · <Time value={result.query.at} />
              {result.query.tolerance > 0 ? ` ${toleranceWords(result.query.tolerance, locale)}` : ''}
            </p>
            {result.reasons.length > 0 && (
              <ul className="warnings" data-testid="attr-reasons">
                {result.reasons.map((r) => (
                  <li key={`${r.code}:${r.text.en}`}>{bi(r.text)}</li>
                ))}
              </ul>
            )}
          </Section>
          {result.candidates.length > 0 && (
            <Section title={t('attr.candidates', { n: result.candidates.length })}>
              <Table
                className="log"
                testId="attr-candidates"
                caption={t('attr.candidates', { n: result.candidates.length })}
                rows={result.candidates}
                rowKey={(c) => `${c.account ?? ''}-${c.from}-${c.insideAddress ?? ''}`}
                columns={[
                  {
                    head: t('attr.account'),
                    cell: (c) => (
                      <>
                        {c.account ?? '—'}
                        {c.insideAddress ? (
                          <>
                            <br />
                            <span className="muted">
                              {t('attr.inside')} {c.insideAddress}
                            </span>
                          </>
                        ) : null}
                      </>
                    ),
                  },
                  {
                    head: t('attr.holder'),
                    cell: (c) =>
                      c.holder ? (
                        <>
                          <strong>{c.holder.name}</strong>（{c.holder.nameKana}）
                          <br />
                          {c.holder.installationAddress}
                          <br />
                          <span className="muted" data-testid="holder-line-use">
                            {bi(LINE_USE_LABELS[c.holder.lineUse])}
                          </span>
                          <br />
                          {c.holder.phone} · {c.holder.email}
                        </>
                      ) : (
                        t('attr.noHolder')
                      ),
                  },
                  {
                    head: t('attr.period'),
                    cell: (c) => (
                      <>
                        <Time value={c.from} /> – <Time value={c.to} />
                        {c.notes.map((n) => (
                          <p key={`${n.code}:${n.text.en}`} className="hint" data-code={n.code}>
                            {bi(n.text)}
                          </p>
                        ))}
                      </>
                    ),
                  },
                  {
                    head: t('attr.sources'),
                    cell: (c) => (
                      <ul className="plain">
                        {c.sources.map((s) => (
                          <li key={`${s.file}:${s.line}`}>
                            <code>
                              {s.file.split('/').pop()}:{s.line}
                              {s.endLine !== null ? `–${s.endLine}` : ''}
                            </code>
                            {locale === 'ja'
                              ? `（${bi(SOURCE_RECORD_KIND_LABELS[s.kind])}）`
                              : ` (${bi(SOURCE_RECORD_KIND_LABELS[s.kind])})`}
                          </li>
                        ))}
                      </ul>
                    ),
                  },
                ]}
              />
            </Section>
          )}
        </div>
      )}
    </div>
  );
}
