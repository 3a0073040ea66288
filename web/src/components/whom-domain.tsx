import { useState } from 'react';
import { WHOM_VERDICT_LABELS } from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { WhomDomainAnswer } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { useAction } from '../lib/use-action.ts';
import { ActionForm } from './action-form.tsx';
import { Facts, orgName, Section, TextField } from './common.tsx';

/**
 * Whom to ask about a site whose operator is unknown: the registrar and registrant of its domain
 * (imported RDAP data) and the hosting provider of each address its name resolves to.
 */
export function WhomDomainForm({ at }: { at: string }) {
  const { t, bi, locale, dateTime } = useI18n();
  // The registry's own dates, shown in the viewer's zone; one that names no instant is shown as written.
  const when = (v: string | null) => {
    const shown = v === null ? null : dateTime(v);
    return shown === '—' ? v : shown;
  };
  const [url, setUrl] = useState('');
  const { busy, error, submit } = useAction();
  const [result, setResult] = useState<WhomDomainAnswer | null>(null);
  const ask = submit(
    async () => {
      setResult(await api.whomDomain({ url: url.trim(), ...(at ? { at } : {}) }));
    },
    () => setResult(null),
  );
  const reg = result?.registration ?? null;
  return (
    <Section title={t('whomDomain.title')}>
      <p className="hint">{t('whomDomain.intro')}</p>
      <ActionForm
        label={t('whomDomain.title')}
        submit={t('whomDomain.ask')}
        onSubmit={ask}
        busy={busy}
        ready={!!url.trim()}
        error={error}
      >
        <TextField label={t('whomDomain.url')} required value={url} onChange={setUrl} name="site" />
      </ActionForm>
      {result && (
        <div data-testid="whom-domain-answer">
          <p>
            <strong data-testid="whom-domain-summary">{bi(result.summary)}</strong>
          </p>
          <h3>{t('whomDomain.registration')}</h3>
          {reg ? (
            <Facts
              rows={[
                ['whomDomain.domain', reg.domain],
                ['whomDomain.registrar', reg.registrar],
                ['whomDomain.registrant', reg.registrant],
                ['whom.reg.country', reg.registrantCountry],
                ['whom.reg.abuse', reg.abuse],
                ['whomDomain.nameservers', reg.nameservers.join(', ') || null],
                ['whomDomain.expires', when(reg.expiresAt)],
                ['whom.src.file', `${reg.source.file} (${when(reg.source.importedAt)})`],
              ]}
            />
          ) : (
            <p className="muted">{t('whomDomain.noRegistration')}</p>
          )}
          <h3>{t('whomDomain.hosting')}</h3>
          {result.addresses.length > 0 ? (
            <ul className="plain" data-testid="whom-domain-hosting">
              {result.addresses.map((a) => (
                <li key={a.address}>
                  <code>{a.address}</code> <span className="badge">{bi(WHOM_VERDICT_LABELS[a.verdict])}</span>{' '}
                  {a.holder ? orgName(a.holder, locale) : bi(a.summary)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('whomDomain.noAddresses')}</p>
          )}
          <ul className="warnings">
            {result.reasons.map((r) => (
              <li key={r.code}>{bi(r.message)}</li>
            ))}
          </ul>
        </div>
      )}
    </Section>
  );
}
