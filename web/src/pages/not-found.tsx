import { useI18n } from '../i18n/i18n.tsx';
import { Link } from '../lib/router.tsx';

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <div>
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <Link to="/">{t('nav.home')}</Link>
    </div>
  );
}
