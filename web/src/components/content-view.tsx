import { contentRetained } from '#shokai/retained';
import { countryWords, languageWords, postIdWords, toleranceWords } from '#shokai/shown-text';
import {
  DATA_CATEGORY_LABELS,
  EMERGENCY_BASIS_LABELS,
  MLAT_ASSISTANCE_LABELS,
  MLAT_HOP_LABELS,
  MLAT_TREATY_LABELS,
  SUICIDE_NOTICE_CONDITION_LABELS,
  SUICIDE_NOTICE_CONDITIONS,
  TARGET_TYPE_LABELS,
  WARRANT_TYPE_LABELS,
} from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { RequestContent, Target, TargetDraft } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { keyed } from '../lib/keys.ts';
import { Link } from '../lib/router.tsx';
import { useMe } from '../lib/session.tsx';
import { attributionPath } from '../lib/targets.ts';
import { useAsync } from '../lib/use-async.ts';
import { CivilView } from './civil-view.tsx';
import { FactRow, orgName, Time, TimeFact } from './common.tsx';
import { SecrecyMark } from './confidentiality.tsx';
import { WarrantValidityFacts } from './warrant-fields.tsx';
import { WrittenText } from './written-text.tsx';

/** An identifier as a line: its type as a tag, then its value. */
export function TargetText({ target }: { target: Target | TargetDraft }) {
  const { bi } = useI18n();
  return (
    <span>
      <span className="tag">{bi(TARGET_TYPE_LABELS[target.type])}</span> <TargetValue target={target} />
    </span>
  );
}

/** What follows an identifier's tag: its value, and for some the time or the service beside it. */
function TargetValue({ target }: { target: Target | TargetDraft }) {
  const { t, locale } = useI18n();
  switch (target.type) {
    case 'ip':
      return (
        <>
          <code>
            {target.port !== undefined
              ? target.address.includes(':')
                ? `[${target.address}]:${target.port}`
                : `${target.address}:${target.port}`
              : target.address}
          </code>{' '}
          @ <Time value={target.at} />{' '}
          <span className="muted small">
            ({t('target.sentAs')} <code>{target.at}</code>
            {target.toleranceSeconds
              ? `${locale === 'ja' ? '、' : ', '}${toleranceWords(target.toleranceSeconds, locale)}`
              : ''}
            )
          </span>
        </>
      );
    case 'terminal':
      return (
        <>
          <code>{target.terminal}</code> <Time value={target.from} /> – <Time value={target.to} />
        </>
      );
    case 'account':
      return (
        <>
          <code>{target.id}</code>
          {target.service ? ` (${target.service})` : ''}
        </>
      );
    case 'email':
      return <code>{target.address}</code>;
    case 'phone':
      return <code>{target.number}</code>;
    case 'domain':
      return <code>{target.name}</code>;
    case 'url':
      return (
        <>
          <code className="break">{target.url}</code>
          {target.postId ? postIdWords(target.postId, locale) : ''}
        </>
      );
  }
}

/** Identifiers as a plain list, one item each. */
export function TargetList({ targets }: { targets: ReadonlyArray<Target | TargetDraft> }) {
  return (
    <ul>
      {targets.map((x) => (
        <li key={JSON.stringify(x)}>
          <TargetText target={x} />
        </li>
      ))}
    </ul>
  );
}

/**
 * The issuing court by its name from the directory (the court's key id is for programs: the
 * verification panel says whether its signature holds).
 */
function CourtName({ id }: { id: string }) {
  const { locale } = useI18n();
  const courts = useAsync(() => api.organisations('court').then((r) => r.items), []);
  const court = courts.data?.find((c) => c.id === id);
  return <>{court ? orgName(court, locale) : '—'}</>;
}

/** What the request asks, as the approver and the provider read it. */
export function ContentView({ content }: { content: RequestContent }) {
  const { t, bi, listText, locale } = useI18n();
  // A provider's people who may look up this installation's logs — theirs — go from an address to its holder.
  const me = useMe();
  const canLookUp = me.permissions.includes('attribution.lookup') && me.holdsRecords;
  const civil = content.kind === 'civil_disclosure';
  // Retention took the targets and the text of a closed request (a request names at least one target).
  const removed = contentRetained(content);
  return (
    <div className="content-view">
      {removed && (
        <p className="notice" role="status">
          {t('request.contentRemoved')}
        </p>
      )}
      <SecrecyMark content={content} />
      <dl className="facts">
        <dt>{civil ? t('civilForm.caseReference') : t('editor.caseReference')}</dt>
        <dd>{content.caseReference || '—'}</dd>
        {/* A civil disclosure names no offence: it is the claimant's, not a criminal case (issue 15). */}
        {!civil && (
          <>
            <dt>{t('editor.offence')}</dt>
            <dd>
              {content.offence ? <WrittenText text={content.offence} /> : removed ? '—' : t('protection.noOffence')}
            </dd>
          </>
        )}
        <dt>{civil ? t('civilForm.facts') : t('editor.facts')}</dt>
        <dd className="prewrap">{content.facts ? <WrittenText text={content.facts} /> : '—'}</dd>
        <dt>{civil ? t('civilForm.necessity') : t('editor.necessity')}</dt>
        <dd className="prewrap">{content.necessity ? <WrittenText text={content.necessity} /> : '—'}</dd>
        <dt>{civil ? t('civilForm.categories') : t('editor.categories')}</dt>
        <dd>{listText(content.categories.map((c) => bi(DATA_CATEGORY_LABELS[c])))}</dd>
        {content.requestedBy && <TimeFact label={t('editor.requestedBy')} value={content.requestedBy} />}
      </dl>
      <h3>{t('request.targets', { n: content.targets.length })}</h3>
      <ol className="target-list">
        {keyed(content.targets).map(({ key, item: tg }) => (
          <li key={key}>
            <TargetText target={tg} />
            {canLookUp && tg.type === 'ip' && (
              <>
                {' '}
                <Link to={attributionPath(tg)} className="lookup-link">
                  {t('pnot.lookUp')}
                </Link>
              </>
            )}
          </li>
        ))}
      </ol>
      {content.warrant && (
        <>
          <h3>{t('editor.warrant')}</h3>
          <dl className="facts">
            <dt>{t('warrant.type')}</dt>
            <dd>
              {WARRANT_TYPE_LABELS[content.warrant.type as keyof typeof WARRANT_TYPE_LABELS]
                ? bi(WARRANT_TYPE_LABELS[content.warrant.type as keyof typeof WARRANT_TYPE_LABELS])
                : content.warrant.type}
            </dd>
            <dt>{t('warrant.number')}</dt>
            <dd>{content.warrant.warrantNumber}</dd>
            <WarrantValidityFacts issuedAt={content.warrant.issuedAt} validUntil={content.warrant.validUntil} />
            {content.warrant.recordsPeriod && (
              <>
                <dt>{t('warrant.recordsPeriod')}</dt>
                <dd data-testid="warrant-records-period">
                  <Time value={content.warrant.recordsPeriod.from} /> –{' '}
                  <Time value={content.warrant.recordsPeriod.to} />
                </dd>
              </>
            )}
            <dt>{t('warrant.court')}</dt>
            <dd>
              <CourtName id={content.warrant.courtOrganisationId} />
            </dd>
          </dl>
        </>
      )}
      {content.preservation && (
        <>
          <h3>{t('editor.preservation')}</h3>
          <p>{t('preservation.daysN', { n: content.preservation.days })}</p>
        </>
      )}
      {content.emergency && (
        <>
          <h3>{t('editor.emergency')}</h3>
          <dl className="facts">
            <dt>{t('emergency.basis')}</dt>
            <dd>{bi(EMERGENCY_BASIS_LABELS[content.emergency.basis])}</dd>
            {content.emergency.basis === 'suicide_notice' && (
              <>
                <dt>{t('emergency.conditions')}</dt>
                <dd>
                  <ul>
                    {SUICIDE_NOTICE_CONDITIONS.map((c) => {
                      const met = content.emergency?.basis === 'suicide_notice' && content.emergency.conditions[c];
                      return (
                        <li key={c}>
                          {met ? '✓' : '✗'} {bi(SUICIDE_NOTICE_CONDITION_LABELS[c])}
                        </li>
                      );
                    })}
                  </ul>
                </dd>
              </>
            )}
            <dt>{t('emergency.statement')}</dt>
            <dd className="prewrap">
              {content.emergency.statement ? <WrittenText text={content.emergency.statement} /> : '—'}
            </dd>
          </dl>
        </>
      )}
      {content.civil && <CivilView civil={content.civil} />}
      {content.cafe?.storeName && (
        <>
          <h3>{t('editor.cafe')}</h3>
          <p>{content.cafe.storeName}</p>
        </>
      )}
      {content.mlat && (
        <>
          <h3>{t('editor.mlat')}</h3>
          <dl className="facts">
            <dt>{t('mlat.country')}</dt>
            <dd>{countryWords(content.mlat.requestedCountry, locale)}</dd>
            <dt>{t('mlat.authority')}</dt>
            <dd>{content.mlat.foreignAuthority}</dd>
            {content.mlat.foreignProvider && (
              <FactRow label={t('mlat.provider')}>{content.mlat.foreignProvider}</FactRow>
            )}
            <dt>{t('mlat.treaty')}</dt>
            <dd>
              {content.mlat.treaty in MLAT_TREATY_LABELS
                ? bi(MLAT_TREATY_LABELS[content.mlat.treaty as keyof typeof MLAT_TREATY_LABELS])
                : content.mlat.treaty}
            </dd>
            {content.mlat.assistance === 'preservation' && (
              <FactRow label={t('mlat.assistance')}>{bi(MLAT_ASSISTANCE_LABELS.preservation)}</FactRow>
            )}
            {content.mlat.centralAuthority && (
              <FactRow label={t('mlat.central')}>{bi(MLAT_HOP_LABELS[content.mlat.centralAuthority])}</FactRow>
            )}
            <dt>{t('mlat.language')}</dt>
            <dd>{languageWords(content.mlat.language, locale)}</dd>
          </dl>
        </>
      )}
    </div>
  );
}
