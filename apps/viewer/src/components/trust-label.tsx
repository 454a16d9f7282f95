import type { Organization } from '../lib/types'
import { useI18n } from '../state/i18n'

/** Why this node replicates an organisation, or that it does not. */
export function TrustLabel({ org }: { readonly org: Organization }) {
  const { t } = useI18n()
  if (org.blocked) return <span className="badge danger">{t('orgs.blocked')}</span>
  if (org.self) return <span className="badge">{t('trust.self')}</span>
  switch (org.trust) {
    case 'followed':
      return <span className="badge ok">{t('trust.followed')}</span>
    case 'vouched':
      return <span className="badge ok">{t('trust.vouched')}</span>
    case 'open':
      return <span className="badge">{t('trust.open')}</span>
    case null:
      return <span className="badge muted">{t('trust.none')}</span>
    default:
      return <span className="badge">{org.trust}</span>
  }
}
