import { useState } from 'react';
import {
  REQUEST_KIND_LABELS,
  REQUEST_KINDS,
  REQUEST_KINDS_BY_ORGANISATION_KIND,
  REQUEST_STATE_LABELS,
  REQUEST_STATES,
} from '#shokai/vocabulary';
import { api } from '../api/client.ts';
import type { RequestKind, RequestState, RequestSummary } from '../api/types.ts';
import { SelectChoice } from '../components/choices.tsx';
import { ErrorNotice, LoadState } from '../components/common.tsx';
import { FilterBar } from '../components/filter-bar.tsx';
import { RequestTable } from '../components/request-table.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useLiveRefresh } from '../lib/live.ts';
import { useMe } from '../lib/session.tsx';
import { useAsync } from '../lib/use-async.ts';

export function RequestListPage() {
  const me = useMe();
  const { t } = useI18n();
  const [state, setState] = useState<RequestState | ''>('');
  const [kind, setKind] = useState<RequestKind | ''>('');
  const [more, setMore] = useState<RequestSummary[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const [moreError, setMoreError] = useState<unknown>(null);
  const list = useAsync(async () => {
    const r = await api.requests({ state: state || undefined, kind: kind || undefined, limit: 50 });
    setMore([]);
    setCursor(r.nextCursor ?? null);
    return r.items;
  }, [state, kind]);
  useLiveRefresh(list.refresh);
  const side = me.organisation.kind === 'provider' ? 'provider' : 'agency';
  // Only what can be in this list: a provider never holds a draft or an MLAT package; a law office
  // files civil disclosure alone (an agency keeps every kind: it may hold civil requests from before
  // law offices filed them).
  const states =
    side === 'provider' ? REQUEST_STATES.filter((s) => s !== 'draft' && s !== 'awaiting_approval') : REQUEST_STATES;
  const kinds =
    me.organisation.kind === 'law_office'
      ? REQUEST_KINDS_BY_ORGANISATION_KIND.law_office
      : side === 'provider'
        ? REQUEST_KINDS.filter((k) => k !== 'mlat')
        : REQUEST_KINDS;
  const loadMore = async () => {
    if (!cursor) return;
    try {
      const r = await api.requests({ state: state || undefined, kind: kind || undefined, limit: 50, cursor });
      setMore((m) => [...m, ...r.items]);
      setCursor(r.nextCursor ?? null);
    } catch (e) {
      setMoreError(e);
    }
  };
  return (
    <div>
      <h1>{side === 'provider' ? t('list.titleProvider') : t('list.titleAgency')}</h1>
      <FilterBar label={t('list.filters')}>
        <SelectChoice
          label={t('col.state')}
          none={t('list.any')}
          options={states}
          labels={REQUEST_STATE_LABELS}
          value={state}
          onChange={setState}
        />
        <SelectChoice
          label={t('col.kind')}
          none={t('list.any')}
          options={kinds}
          labels={REQUEST_KIND_LABELS}
          value={kind}
          onChange={setKind}
        />
      </FilterBar>
      <LoadState of={list} />
      {list.data && <RequestTable items={[...list.data, ...more]} caption={t('nav.requests')} side={side} />}
      <ErrorNotice error={moreError} />
      {cursor && (
        <button type="button" className="secondary" onClick={() => void loadMore()}>
          {t('list.more')}
        </button>
      )}
    </div>
  );
}
