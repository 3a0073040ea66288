import { ROLE_LABELS } from '#shokai/vocabulary';
import type { Me } from '../api/types.ts';
import type { MessageKey } from '../i18n/dictionary.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { allows, ORGANISATION_STATISTICS } from '../lib/nav.ts';
import { Link } from '../lib/router.tsx';
import { hasRole, useMe } from '../lib/session.tsx';

/**
 * What a person whose roles read no request may and may not see, one sentence a role (an auditor, the
 * statistics officer, the key officer, an administrator): said on their home and on a page that is not
 * theirs, so that an empty page never reads as "there is nothing".
 */
export function scopeSentences(me: Me): MessageKey[] {
  if (me.readsRequests) return [];
  const oversight = me.organisation.kind === 'oversight';
  const out: MessageKey[] = [];
  if (hasRole(me, 'auditor') && !oversight) out.push('scope.auditor');
  if (allows(ORGANISATION_STATISTICS, me)) out.push('scope.statistician');
  if (hasRole(me, 'key_officer')) out.push('scope.keyOfficer');
  if (hasRole(me, 'admin')) out.push(oversight ? 'scope.adminOversight' : 'scope.admin');
  return out;
}

export function RoleScope() {
  const me = useMe();
  const { t } = useI18n();
  return (
    <>
      {scopeSentences(me).map((k) => (
        <p key={k} className="notice" data-testid="role-scope">
          {t(k)}
        </p>
      ))}
    </>
  );
}

/**
 * A page reached by its address by someone whose permissions do not open it (an auditor typing
 * /requests): said in words — the page, the viewer's own roles, that nothing shown is not "none" — with
 * the way home, where their own pages are; never the API's refusal listing the roles that may.
 */
export function NotPermittedPage({ page }: { page: MessageKey }) {
  const me = useMe();
  const { t, bi, listText } = useI18n();
  return (
    <div data-testid="not-permitted">
      <h1>{t('denied.title')}</h1>
      <p>{t('denied.body', { page: t(page), roles: listText(me.user.roles.map((r) => bi(ROLE_LABELS[r]))) })}</p>
      <RoleScope />
      <p>
        <Link to="/">{t('denied.home')}</Link>
      </p>
    </div>
  );
}
