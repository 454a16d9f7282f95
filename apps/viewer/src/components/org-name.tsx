/** An organisation's name, and where it comes from when not from its own profile. */
import { orgDisplayName } from '../lib/org-name'
import type { Organization } from '../lib/types'
import { useI18n } from '../state/i18n'

export function OrgName({ org }: { readonly org: Organization }) {
  const { t, text } = useI18n()
  const name = orgDisplayName(org)
  return <>{name === undefined ? t('orgs.unnamed') : text(name)}</>
}

/** Says whose vouch named an organisation that sent no profile of its own. */
export function NamedByNote({ org }: { readonly org: Organization }) {
  const { t, text } = useI18n()
  if (org.name !== undefined || org.namedBy === undefined) return null
  const { by, byName } = org.namedBy
  const voucher = byName === undefined ? `${by.slice(0, 16)}…${by.slice(-6)}` : text(byName)
  return <div className="muted small">{t('orgs.namedBy', { by: voucher })}</div>
}
