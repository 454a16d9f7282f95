/** One organisation: its profile, trust state and actions, and its records. */
import { Link, useParams } from 'react-router-dom'
import { HitList } from '../components/hit-list'
import { Markdown } from '../components/markdown'
import { NamedByNote, OrgName } from '../components/org-name'
import { Loading, QueryView } from '../components/status'
import { TrustActions } from '../components/trust-actions'
import { TrustLabel } from '../components/trust-label'
import { useI18n } from '../state/i18n'
import { useLabels } from '../state/labels'
import { useOrg, useSearch } from '../state/queries'
import { useTitle } from './use-title'

export function OrgPage() {
  const { did = '' } = useParams()
  const { t, text, date } = useI18n()
  const { label, orgName } = useLabels()
  useTitle(orgName(did))
  const org = useOrg(did)
  const records = useSearch(
    { q: '', filters: { organization: [did] }, sort: 'date' },
    { limit: 50 },
  )
  const hits = records.data?.pages.flatMap((page) => page.hits) ?? []
  const profile = hits.find((hit) => hit.kind === 'organization')
  return (
    <section>
      <QueryView query={org}>
        {(data) => (
          <>
            <h1>
              <OrgName org={data} />
            </h1>
            <NamedByNote org={data} />
            <p className="muted mono small">{data.did}</p>
            {profile?.summary !== undefined && <Markdown source={text(profile.summary)} />}
            {profile !== undefined && (
              <p>
                <Link to={`/records/${profile.author}/${profile.id}`}>{t('org.profile')}</Link>
              </p>
            )}
            <h2>{t('org.trustState')}</h2>
            <dl className="fields">
              <div>
                <dt>{t('orgs.trust')}</dt>
                <dd>
                  <TrustLabel org={data} />
                  {data.blocked &&
                    data.blockReason &&
                    ` ${t('org.blockedBecause', { reason: data.blockReason })}`}
                </dd>
              </div>
              <div>
                <dt>{t('facet.orgType')}</dt>
                <dd>
                  {data.orgType === undefined ? '—' : label('organizationTypes', data.orgType)}
                </dd>
              </div>
              <div>
                <dt>{t('org.held')}</dt>
                <dd>{data.held ? t('org.held.yes') : t('org.held.no')}</dd>
              </div>
              <div>
                <dt>{t('orgs.records')}</dt>
                <dd>{data.records}</dd>
              </div>
              <div>
                <dt>{t('orgs.lastSeen')}</dt>
                <dd>{date(data.lastSeen) || '—'}</dd>
              </div>
              {data.vouchedBy.length > 0 && (
                <div>
                  <dt>{t('orgs.vouched', { count: data.vouchedBy.length })}</dt>
                  <dd>
                    <ul className="inline-list">
                      {data.vouchedBy.map((voucher) => (
                        <li key={voucher}>
                          <Link to={`/orgs/${encodeURIComponent(voucher)}`}>
                            {orgName(voucher)}
                          </Link>
                        </li>
                      ))}
                    </ul>
                  </dd>
                </div>
              )}
            </dl>
            <TrustActions org={data} />
          </>
        )}
      </QueryView>
      <h2>{t('org.records')}</h2>
      {records.isPending ? <Loading /> : <HitList hits={hits} onLeaveTop={() => undefined} />}
    </section>
  )
}
