// The second person of a two-person rule (a role grant, a new signing credential): confirm what waits,
// or refuse it with the reason typed below the list; a person is never the second person of their own.
import { useI18n } from '../i18n/i18n.tsx';

export function SecondPersonButtons(props: {
  /** The caller's own (granted by or to them, or their credential): they may not decide it. */
  own: boolean;
  confirmLabel: string;
  refuseLabel: string;
  /** The refusal reason typed so far: refusing needs one. */
  reason: string;
  onConfirm: () => void;
  onRefuse: () => void;
}) {
  const { t } = useI18n();
  if (props.own) return <span className="muted">{t('grants.notYou')}</span>;
  return (
    <>
      <button type="button" className="primary" onClick={props.onConfirm}>
        {props.confirmLabel}
      </button>{' '}
      <button type="button" className="danger" disabled={!props.reason.trim()} onClick={props.onRefuse}>
        {props.refuseLabel}
      </button>
    </>
  );
}
