import { type DragEvent, useState } from 'react';
import { DOCUMENT_CHECK_LABELS, DOCUMENT_TYPE_LABELS } from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { DocumentVerification } from '../api/types.ts';
import { ErrorNotice } from '../components/common.tsx';
import { FilePick } from '../components/file-pick.tsx';
import { Fingerprint } from '../components/fingerprint.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useAction } from '../lib/use-action.ts';

const ROLE_KEY = {
  approver: 'documents.approverKey',
  unit: 'documents.unitKey',
  court: 'documents.courtKey',
} as const;
const MARK = { pass: '✓', fail: '✗', skipped: '–' } as const;

/** Base64 of a file's bytes, in chunks (a whole PDF through one String.fromCharCode call overflows the stack). */
async function base64Of(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Checks a printed document's PDF against the signed data it carries (the same checks as
 * `shokai document verify`): drop the file or choose it.
 */
export function DocumentVerifyPage() {
  const { t, bi } = useI18n();
  const [report, setReport] = useState<DocumentVerification | null>(null);
  // The file checked (dropped or chosen): its name is said beside the button and in the report.
  const [file, setFile] = useState<File | null>(null);
  const [name, setName] = useState('');
  const { busy, error, run } = useAction();
  const [over, setOver] = useState(false);
  const check = async (chosen: File | null | undefined) => {
    setFile(chosen ?? null);
    if (!chosen) return;
    setReport(null);
    setName(chosen.name);
    await run(async () => setReport(await api.verifyDocument(await base64Of(chosen))));
  };
  const onDrop = (e: DragEvent<HTMLElement>) => {
    e.preventDefault();
    setOver(false);
    void check(e.dataTransfer.files[0]);
  };
  return (
    <div>
      <h1>{t('documents.verifyTitle')}</h1>
      <p className="hint">{t('documents.verifyIntro')}</p>
      <section
        className={`drop-zone${over ? ' over' : ''}`}
        aria-label={t('documents.dropZone')}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="document-drop"
      >
        <p>{t('documents.drop')}</p>
        <FilePick
          label={t('documents.choose')}
          accept="application/pdf,.pdf"
          file={file}
          onChange={(chosen) => void check(chosen)}
        />
      </section>
      {busy && <p role="status">{t('documents.checking')}</p>}
      <ErrorNotice error={error} />
      {report && (
        <section aria-live="polite" data-testid="document-report">
          <h2 className={report.ok ? 'verified' : 'unverified'}>
            {report.ok ? `✓ ${t('documents.ok')}` : `✗ ${t('documents.failed')}`}
          </h2>
          {report.unsigned.length > 0 && (
            // Beside the verdict, not below the checks: a verified document's printed call-back number is
            // still the embedded data's, which anyone may edit without breaking a signature.
            <section
              className="notice notice-warn"
              aria-labelledby="document-unsigned-h"
              data-testid="document-unsigned"
            >
              <h3 id="document-unsigned-h">⚠ {t('documents.unsignedTitle')}</h3>
              <p>{t('documents.unsignedLead')}</p>
              <ul>
                {report.unsigned.map((u) => (
                  <li key={u.en}>{bi(u)}</li>
                ))}
              </ul>
            </section>
          )}
          <dl className="kv">
            <dt>{t('documents.file')}</dt>
            <dd>{name}</dd>
            {report.type && (
              <>
                <dt>{t('documents.type')}</dt>
                <dd>{bi(DOCUMENT_TYPE_LABELS[report.type])}</dd>
              </>
            )}
            {report.serial && (
              <>
                <dt>{t('documents.serial')}</dt>
                <dd>{report.serial}</dd>
              </>
            )}
            {report.verificationCode && (
              <>
                <dt>{t('documents.code')}</dt>
                <dd>
                  <code>{report.verificationCode}</code>
                </dd>
              </>
            )}
            {report.signers.map((s) => (
              <div key={s.role}>
                <dt>{t(ROLE_KEY[s.role])}</dt>
                <dd>
                  <Fingerprint value={s.fingerprint} />
                </dd>
              </div>
            ))}
          </dl>
          <ul className="checks">
            {report.checks.map((c) => (
              <li key={c.check} className={c.result === 'fail' ? 'unverified' : c.result === 'pass' ? 'verified' : ''}>
                {MARK[c.result]} <strong>{bi(DOCUMENT_CHECK_LABELS[c.check])}</strong>: {bi(c.message)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </div>
  );
}
