import { api } from '../api/client.ts';
import { LoadState } from '../components/common.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useAsync } from '../lib/use-async.ts';

/** Verification of the whole hash-chained audit log and its signed checkpoints. */
export function AuditPage() {
  const { t, bi } = useI18n();
  const v = useAsync(() => api.auditVerify(), []);
  return (
    <div>
      <h1>{t('audit.title')}</h1>
      <p className="hint">{t('audit.intro')}</p>
      <LoadState of={v} />
      {v.data && (
        <section className="card" aria-labelledby="audit-res" data-testid="audit-result" data-ok={String(v.data.ok)}>
          <h2 id="audit-res" className={`verdict ${v.data.ok ? 'verdict-ok' : 'verdict-fail'}`}>
            {v.data.ok ? `✓ ${t('audit.ok')}` : `✗ ${t('audit.broken')}`}
          </h2>
          <dl className="facts two-col">
            <dt>{t('audit.entries')}</dt>
            <dd>{v.data.entries}</dd>
            <dt>{t('audit.checkpoints')}</dt>
            <dd>{v.data.checkpoints}</dd>
            <dt>{t('audit.head')}</dt>
            <dd>
              <code className="break">{v.data.headHash}</code>
            </dd>
            {v.data.firstBad !== undefined && v.data.firstBad !== null && (
              <>
                <dt>{t('audit.firstBad')}</dt>
                <dd>{t('audit.firstBadAt', { seq: v.data.firstBad.seq, message: bi(v.data.firstBad.message) })}</dd>
                {v.data.firstBad.expected && (
                  <>
                    <dt>{t('audit.expected')}</dt>
                    <dd>
                      <code className="break">{v.data.firstBad.expected}</code>
                    </dd>
                  </>
                )}
                {v.data.firstBad.found && (
                  <>
                    <dt>{t('audit.found')}</dt>
                    <dd>
                      <code className="break">{v.data.firstBad.found}</code>
                    </dd>
                  </>
                )}
              </>
            )}
          </dl>
          <button type="button" className="secondary" onClick={v.reload}>
            {t('audit.again')}
          </button>
        </section>
      )}
    </div>
  );
}
