import { useState } from 'react';
import { api } from '../api/client.ts';
import type { MailAnalysis } from '../api/types.ts';
import { ActionForm } from '../components/action-form.tsx';
import { Facts, Section, TextField, Time } from '../components/common.tsx';
import { FilePick } from '../components/file-pick.tsx';
import { MailDraftNext } from '../components/next-request.tsx';
import { Table } from '../components/table.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { typedList } from '../lib/form-state.ts';
import { headerBlock, headerEnd } from '../lib/mail-header.ts';
import { MAIL_MESSAGE_MAX_BYTES, mib } from '../lib/mail-limit.ts';
import { mailMessage } from '../lib/mail-message.ts';
import { Link } from '../lib/router.tsx';
import { hasRole, useMe } from '../lib/session.tsx';
import { useAction } from '../lib/use-action.ts';
import { MailPolicies } from './mail-policies.tsx';
import { MailSignatures } from './mail-signatures.tsx';

/**
 * A chosen file's exact bytes as base64 (the whole file, or its header block alone): never decoded as
 * text, since a body in Shift_JIS or any other charset's 8-bit bytes would change and fail its body hash.
 */
async function fileBase64(file: File, whole: boolean): Promise<string> {
  const part = whole ? file : file.slice(0, headerEnd(new Uint8Array(await file.arrayBuffer())));
  const url = await new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('the file could not be read'));
    reader.readAsDataURL(part);
  });
  return url.slice(url.indexOf(',') + 1);
}

/**
 * E-mail header analysis, in the manual's words "for e-mail, read the headers": paste or upload a
 * message; the analysis names where it came from, what can be trusted, and what looks wrong.
 */
export function MailAnalysisPage() {
  const { t, locale } = useI18n();
  const me = useMe();
  const [text, setText] = useState('');
  // A chosen .eml is held as a file (not put in the text box: it may be tens of MiB with its attachments).
  const [file, setFile] = useState<File | null>(null);
  const [fileProblem, setFileProblem] = useState<string | null>(null);
  const [trusted, setTrusted] = useState('');
  const [records, setRecords] = useState('');
  const { busy, error, submit } = useAction();
  const [result, setResult] = useState<MailAnalysis | null>(null);
  const analyze = submit(async () => {
    // A new analysis replaces the last: should it fail, the last one's verdicts are not left standing
    // under the error as if they were about the message and records now in the form.
    setResult(null);
    const relays = typedList(trusted);
    const keys = records.trim();
    // With key records the body goes too: DKIM and ARC body hashes cover it. Without, the headers alone.
    // A chosen file goes as its bytes (base64), pasted text as text.
    const message = file
      ? { messageBase64: await fileBase64(file, !!keys) }
      : { message: keys ? text : headerBlock(text) };
    setResult(
      await api.analyzeMail({
        ...message,
        ...(relays.length ? { trusted: relays } : {}),
        ...(keys ? { dnsRecords: keys } : {}),
      }),
    );
  });
  const upload = (chosen: File | null) => {
    setFileProblem(null);
    setFile(null);
    if (!chosen) return;
    if (chosen.size > MAIL_MESSAGE_MAX_BYTES)
      setFileProblem(t('mail.fileTooLarge', { size: mib(chosen.size), limit: mib(MAIL_MESSAGE_MAX_BYTES) }));
    else setFile(chosen);
  };
  const msg = mailMessage(locale);
  // Trust extended through an internal address (an MX behind NAT): shown beside the origin, not only below.
  const internalTrust = result?.warnings.find((w) => w.code === 'MAIL_TRUST_EXTENDED_INTERNAL' && w.details?.address);
  return (
    <div>
      <h1>{t('mail.title')}</h1>
      <p className="hint">{t('mail.intro')}</p>
      <ActionForm
        label={t('mail.title')}
        submit={t('mail.analyze')}
        onSubmit={analyze}
        busy={busy}
        ready={file !== null || !!text.trim()}
        error={error}
      >
        <FilePick
          label={t('mail.upload')}
          accept=".eml,message/rfc822,text/plain"
          file={file}
          onChange={(chosen) => upload(chosen)}
        />
        <p className="hint" data-testid="mail-limit">
          {t('mail.fileLimit', { limit: mib(MAIL_MESSAGE_MAX_BYTES), bytes: MAIL_MESSAGE_MAX_BYTES })}
        </p>
        {fileProblem && (
          <p className="notice notice-error" role="alert" data-testid="mail-file-problem">
            {fileProblem}
          </p>
        )}
        {file ? (
          <p className="notice" role="status" data-testid="mail-file">
            {t('mail.fileChosen', { name: file.name, size: mib(file.size) })}{' '}
            <button type="button" className="link" onClick={() => setFile(null)}>
              {t('mail.fileClear')}
            </button>
          </p>
        ) : (
          <TextField label={t('mail.message')} multiline rows={12} required value={text} onChange={setText} />
        )}
        <TextField label={t('mail.trusted')} hint={t('mail.trustedHint')} value={trusted} onChange={setTrusted} />
        <TextField
          label={t('mail.dnsRecords')}
          hint={t('mail.dnsRecordsHint')}
          multiline
          rows={4}
          value={records}
          onChange={setRecords}
        />
      </ActionForm>
      {result && (
        <div data-testid="mail-analysis">
          <Section title={t('mail.origin')}>
            {result.originatingIp ? (
              <p className="origin">
                <strong data-testid="mail-origin">{result.originatingIp}</strong>
                {result.originatingPort !== null && (
                  <span data-testid="mail-origin-port"> {t('mail.port', { port: result.originatingPort })}</span>
                )}
                {result.originatingTime && (
                  <>
                    {' '}
                    · <Time value={result.originatingTime} />
                  </>
                )}{' '}
                <Link
                  data-testid="mail-whom"
                  to={`/evidence/whom?${new URLSearchParams({
                    address: result.originatingIp,
                    ...(result.originatingPort !== null ? { port: String(result.originatingPort) } : {}),
                    ...(result.originatingTime ? { at: result.originatingTime } : {}),
                  }).toString()}`}
                >
                  {t('mail.whom')}
                </Link>
              </p>
            ) : (
              <p className="muted">{t('mail.noOrigin')}</p>
            )}
            {internalTrust && (
              <p className="notice notice-error" role="alert" data-testid="mail-trust-internal">
                {msg(internalTrust)}
              </p>
            )}
            <Facts
              rows={[
                ['mail.from', result.message.from],
                ['mail.subject', result.message.subject],
                ['mail.date', result.message.date],
                ['mail.messageId', result.message.messageId],
              ]}
            />
            {result.originatingIp && result.originatingTime && hasRole(me, 'investigator') && (
              <MailDraftNext
                record={{
                  address: result.originatingIp,
                  at: result.originatingTime,
                  ...(result.originatingPort !== null ? { port: result.originatingPort } : {}),
                }}
              />
            )}
          </Section>
          {result.warnings.length > 0 && (
            <Section title={t('mail.warnings', { n: result.warnings.length })}>
              <ul className="warnings">
                {result.warnings.map((w) => (
                  <li key={`${w.code}-${w.hop ?? ''}-${w.message}`}>
                    {msg(w)}
                    {w.hop !== undefined ? ` (${t('mail.hop')} ${w.hop + 1})` : ''}
                  </li>
                ))}
              </ul>
            </Section>
          )}
          {result.authentication.verification && <MailSignatures check={result.authentication.verification} />}
          {result.authentication.verification && <MailPolicies check={result.authentication.verification} />}
          <Section title={t('mail.hops', { n: result.hops.length })}>
            <Table
              className="log"
              caption={t('mail.hops', { n: result.hops.length })}
              rows={result.hops}
              rowKey={(h) => h.raw}
              rowProps={(h) => ({ className: h.trusted ? 'trusted' : 'claimed' })}
              columns={[
                { head: '#', cell: (_, i) => i + 1 },
                {
                  head: t('mail.fromHost'),
                  cell: (h) => (
                    <>
                      {h.from.ip ? <code>{h.from.ip}</code> : '—'}
                      {h.from.ip && h.from.port !== null ? ` (${t('mail.port', { port: h.from.port })})` : ''}{' '}
                      {h.from.rdns ?? h.from.helo ?? ''}
                    </>
                  ),
                },
                {
                  head: t('mail.by'),
                  cell: (h) => (
                    <>
                      {h.by ?? '—'} {h.with ? `(${h.with})` : ''}
                    </>
                  ),
                },
                { head: t('mail.time'), cell: (h) => (h.time ? <Time value={h.time} /> : '—') },
                { head: t('mail.trust'), cell: (h) => (h.trusted ? t('mail.trusted.yes') : t('mail.trusted.no')) },
              ]}
            />
            <p className="hint">{msg(result.authentication.note)}</p>
          </Section>
        </div>
      )}
    </div>
  );
}
