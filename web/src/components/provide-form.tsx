// The content provider carries out a provision order (提供命令, art. 15(1)): the sender's communications
// from its own records. When its installation holds its post log, "fill from the post log" offers the
// communications recorded for the order's posts — each with the post and log line it came from, each
// ticked; the person unticks what should not go and may add lines by hand ("address [port] time").
// The read of the post log is the person's act (audited by the API), never done by itself.
import { type FormEvent, useState } from 'react';
import { api } from '../api/client.ts';
import type { AncillaryOrder, PostLogCommunications } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ShownError } from '../lib/error-text.ts';
import { provideSigned } from '../lib/provide-signed.ts';
import { ActionForm } from './action-form.tsx';
import type { Act } from './application-steps.tsx';
import { ErrorNotice, TextField, Time } from './common.tsx';
import { TargetText } from './content-view.tsx';

type Offered = PostLogCommunications['posts'][number]['communications'][number];
const keyOf = (c: Offered) => `${c.address} ${c.port ?? ''} ${c.at}`;

export function ProvideForm({ o, busy, act }: { o: AncillaryOrder; busy: boolean; act: Act }) {
  const { t } = useI18n();
  const [lines, setLines] = useState('');
  const [fromLog, setFromLog] = useState<PostLogCommunications | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [dropped, setDropped] = useState<ReadonlySet<string>>(new Set());
  const offered = (fromLog?.posts ?? []).flatMap((p) => p.communications);
  const chosen = [...new Map(offered.filter((c) => !dropped.has(keyOf(c))).map((c) => [keyOf(c), c])).values()];
  const fill = () => {
    setLoadError(null);
    api.provisionPostLog(o.id).then(
      (r) => {
        setFromLog(r);
        setDropped(new Set());
      },
      (e: unknown) => setLoadError(e),
    );
  };
  const toggle = (c: Offered, on: boolean) => {
    const next = new Set(dropped);
    if (on) next.delete(keyOf(c));
    else next.add(keyOf(c));
    setDropped(next);
  };
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void act(() => {
      const typed = lines
        .split('\n')
        .map((l) => l.trim().split(/\s+/))
        .filter((w) => w.length > 0 && w[0] !== '')
        .map((w) => {
          const [address = '', second = '', third] = w;
          if (w.length === 3 && /^\d+$/.test(second)) return { address, port: Number(second), at: third ?? '' };
          if (w.length === 2) return { address, at: second };
          throw new ShownError(t('aord.badLine', { line: w.join(' ') }));
        });
      const fromRecords = chosen.map((c) => ({
        address: c.address,
        ...(c.port === undefined ? {} : { port: c.port }),
        at: c.at,
      }));
      return provideSigned(o.id, { communications: [...fromRecords, ...typed] }, t('aord.passkeyNone'));
    });
  };
  return (
    <ActionForm label={t('aord.provide')} onSubmit={submit} busy={busy} ready={chosen.length > 0 || !!lines.trim()}>
      <p className="hint">{t('aord.provideIntro')}</p>
      <p className="hint">{t('aord.provideSigns')}</p>
      <p>
        <button type="button" onClick={fill} disabled={busy}>
          {t(fromLog ? 'aord.fillAgain' : 'aord.fillFromPostLog')}
        </button>
      </p>
      <ErrorNotice error={loadError} />
      {fromLog && <FromPostLog fromLog={fromLog} dropped={dropped} toggle={toggle} />}
      <TextField
        label={t(fromLog?.postLog ? 'aord.communicationsMore' : 'aord.communications')}
        name="communications"
        multiline
        rows={3}
        value={lines}
        onChange={setLines}
      />
    </ActionForm>
  );
}

/** What the post log holds for each of the order's posts, each communication with its source and a tick. */
function FromPostLog({
  fromLog,
  dropped,
  toggle,
}: {
  fromLog: PostLogCommunications;
  dropped: ReadonlySet<string>;
  toggle: (c: Offered, on: boolean) => void;
}) {
  const { t, bi } = useI18n();
  if (!fromLog.postLog) {
    return (
      <p className="notice" data-testid="post-log-none">
        {bi(fromLog.why)}
      </p>
    );
  }
  return (
    <fieldset data-testid="post-log-communications">
      <legend>{t('aord.fromPostLog')}</legend>
      <p className="hint">{t('aord.fromPostLogIntro')}</p>
      {fromLog.posts.map((p) => (
        <div key={JSON.stringify(p.target)}>
          <p>
            <TargetText target={p.target} />
          </p>
          {p.why && (
            <p className="notice" data-testid="post-log-why">
              {bi(p.why)}
            </p>
          )}
          <ul>
            {p.communications.map((c) => (
              <li key={keyOf(c) + JSON.stringify(c.post)}>
                <label>
                  <input
                    type="checkbox"
                    name="fromPostLog"
                    checked={!dropped.has(keyOf(c))}
                    onChange={(e) => toggle(c, e.target.checked)}
                  />{' '}
                  <code>{c.address}</code>
                  {c.port !== undefined && (
                    <>
                      {' '}
                      {t('aord.port')} <code>{c.port}</code>
                    </>
                  )}{' '}
                  <Time value={c.at} />{' '}
                  <span className="muted">
                    {t('aord.postSource', {
                      post: c.post.postId === null ? (c.post.url ?? '') : `${c.post.url ?? ''} #${c.post.postId}`,
                      lines: c.sources.map((s) => `${s.file}:${s.line}`).join(', '),
                    })}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </div>
      ))}
    </fieldset>
  );
}
