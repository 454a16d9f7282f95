/** The organisations this node knows of, their trust state, and follow / unfollow at hand. */
import { useState } from 'react'
import { Link } from 'react-router-dom'
import { NamedByNote, OrgName } from '../components/org-name'
import { QueryView } from '../components/status'
import { FollowButton } from '../components/trust-actions'
import { TrustLabel } from '../components/trust-label'
import { isMessageKey } from '../lib/messages'
import { orgDisplayName } from '../lib/org-name'
import { useI18n } from '../state/i18n'
import { useLabels } from '../state/labels'
import { useOrgs } from '../state/queries'
import { useTitle } from './use-title'

export function OrgsPage() {
  const { t, text, date } = useI18n()
  const modeLabel = (mode: string) => {
    const key = `trust.mode.${mode}`
    return isMessageKey(key) ? t(key) : mode
  }
  const { label } = useLabels()
  useTitle(t('orgs.title'))
  const orgs = useOrgs()
  const [filter, setFilter] = useState('')
  return (
    <section>
      <h1>{t('orgs.title')}</h1>
      <p>{t('orgs.intro')}</p>
      <QueryView query={orgs}>
        {(data) => {
          const needle = filter.trim().toLowerCase()
          const list = [...data.organizations]
            .filter(
              (org) =>
                needle === '' ||
                `${text(orgDisplayName(org))} ${org.did}`.toLowerCase().includes(needle),
            )
            .sort(
              (a, b) =>
                Number(b.self) - Number(a.self) ||
                text(orgDisplayName(a)).localeCompare(text(orgDisplayName(b))),
            )
          return (
            <>
              <p className="muted">
                {t('orgs.mode', { mode: modeLabel(data.mode), vouches: data.vouches })}
              </p>
              <label htmlFor="org-filter">{t('orgs.filter')}</label>
              <input
                id="org-filter"
                type="search"
                value={filter}
                onChange={(event) => setFilter(event.target.value)}
              />
              <div className="table-wrap">
                <table className="orgs">
                  <caption className="visually-hidden">{t('orgs.title')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('facet.organization')}</th>
                      <th scope="col">{t('facet.orgType')}</th>
                      <th scope="col">{t('orgs.trust')}</th>
                      <th scope="col">{t('orgs.records')}</th>
                      <th scope="col">{t('orgs.lastSeen')}</th>
                      <th scope="col">
                        <span className="visually-hidden">{t('org.follow')}</span>
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    {list.map((org) => (
                      <tr key={org.did}>
                        <th scope="row">
                          <Link to={`/orgs/${encodeURIComponent(org.did)}`}>
                            <OrgName org={org} />
                          </Link>
                          {org.self && <span className="muted"> ({t('orgs.self')})</span>}
                          <NamedByNote org={org} />
                          {org.vouchedBy.length > 0 && (
                            <div className="muted small">
                              {t('orgs.vouched', { count: org.vouchedBy.length })}
                            </div>
                          )}
                        </th>
                        <td>
                          {org.orgType === undefined ? '' : label('organizationTypes', org.orgType)}
                        </td>
                        <td>
                          <TrustLabel org={org} />
                          {org.trust !== null && !org.held && !org.self && !org.blocked && (
                            <div className="muted small">{t('orgs.notHeld')}</div>
                          )}
                        </td>
                        <td>{org.records}</td>
                        <td>{date(org.lastSeen)}</td>
                        <td>
                          <FollowButton org={org} />
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </>
          )
        }}
      </QueryView>
    </section>
  )
}
