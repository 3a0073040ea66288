// The office's withdraw step: signed with the person's own passkey when they have one, and — when that
// passkey cannot sign (a lost device, a failed or cancelled prompt) or the person says so up front —
// unsigned through an explicit second choice that says the provider will read "unsigned".
import { useState } from 'react';
import { api } from '../api/client.ts';
import type { Transition } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { signDigest } from '../lib/passkey.ts';
import { Link } from '../lib/router.tsx';
import { useAsync } from '../lib/use-async.ts';
import { TextField } from './common.tsx';
import { ConfirmFirst } from './confirm-first.tsx';

type WithdrawBody = Extract<Transition, { action: 'withdraw' }>;

/**
 * The withdrawal as the office sends it: signed with the person's own passkey over the preview's digest
 * (the request, the reason, the instant), so the provider can verify it; without a passkey, unsigned.
 * `onSignFailed` hears of an authenticator that did not sign before the error goes on to the page.
 */
async function signedWithdrawal(id: string, reason: string, onSignFailed: () => void): Promise<Transition> {
  const preview = await api.withdrawalPreview(id, reason);
  if (!preview.passkey) return { action: 'withdraw', reason };
  let assertion: Awaited<ReturnType<typeof signDigest>>;
  try {
    assertion = await signDigest(preview.digest, preview.passkey);
  } catch (e) {
    onSignFailed();
    throw e;
  }
  return {
    action: 'withdraw',
    reason,
    withdrawnAt: preview.withdrawnAt,
    assertion: assertion as NonNullable<WithdrawBody['assertion']>,
  };
}

/**
 * What the withdrawal will be, said before the person confirms: signed with their passkey, or unsigned for
 * want of one — then with the way to register one (their own passkeys' page).
 */
function WithdrawSignHint({ signs }: { signs: boolean | undefined }) {
  const { t } = useI18n();
  if (signs === undefined) return <p className="hint">{t('action.withdrawSignHint')}</p>;
  if (signs)
    return (
      <p className="hint" data-testid="withdraw-signs">
        {t('action.withdrawSigns')}
      </p>
    );
  return (
    <p className="hint" data-testid="withdraw-no-passkey">
      {t('action.withdrawNoPasskey')} <Link to="/passkeys">{t('action.withdrawRegister')}</Link>
    </p>
  );
}

/**
 * The withdraw step's fields and buttons. A person with a current passkey withdraws signed; the unsigned
 * way is offered beside it (their passkey not at hand) and, loudly, once the passkey did not sign — never
 * taken without the person's own second press on its warning.
 */
export function WithdrawStep({
  requestId,
  title,
  busy,
  act,
}: {
  requestId: string;
  title: string;
  busy: boolean;
  act: (b: Transition | (() => Promise<Transition>)) => Promise<void>;
}) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const [signFailed, setSignFailed] = useState(false);
  const own = useAsync(() => api.ownPasskeys(), []);
  const signs = own.data?.passkeys.some((p) => p.state === 'current');
  const said = reason.trim();
  return (
    <>
      <WithdrawSignHint signs={signs} />
      <TextField
        label={t('action.withdrawReason')}
        hint={t('action.withdrawReasonKept')}
        value={reason}
        onChange={setReason}
      />
      <ConfirmFirst
        label={title}
        warning={t('action.withdrawWarning')}
        className="danger"
        busy={busy || !said}
        onConfirm={() => void act(() => signedWithdrawal(requestId, said, () => setSignFailed(true)))}
      />
      {(signs || signFailed) && (
        <div className="withdraw-unsigned" data-testid="withdraw-unsigned">
          {signFailed ? (
            <p className="notice notice-warn" role="alert" data-testid="withdraw-sign-failed">
              {t('action.withdrawSignFailed')}
            </p>
          ) : (
            <p className="hint">{t('action.withdrawUnsignedChoice')}</p>
          )}
          <ConfirmFirst
            label={t('action.withdrawUnsigned')}
            warning={t('action.withdrawUnsignedWarning')}
            className="secondary"
            busy={busy || !said}
            onConfirm={() => void act({ action: 'withdraw', reason: said })}
          />
        </div>
      )}
    </>
  );
}
