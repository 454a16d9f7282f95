/** The frame of every page: skip link, header with navigation and language, the routes. */
import { lazy, Suspense } from 'react'
import { NavLink, Route, Routes } from 'react-router-dom'
import { ActivityPanel } from './components/activity'
import { LanguageSwitch } from './components/language-switch'
import { Loading } from './components/status'
import { NetworkPage } from './pages/network-page'
import { NotFoundPage } from './pages/not-found-page'
import { OrgPage } from './pages/org-page'
import { OrgsPage } from './pages/orgs-page'
import { EditPage, PublishKindPage, PublishPage } from './pages/publish-page'
import { RecordPage } from './pages/record-page'
import { SearchPage } from './pages/search-page'
import { useFocusHeading } from './state/focus-heading'
import { useI18n } from './state/i18n'
import { useLive } from './state/live'

// the charts library is large: load it with the overview only
const OverviewPage = lazy(() => import('./pages/overview-page'))
const QuestionsPage = lazy(() => import('./pages/questions-page'))
const StandardsPage = lazy(() => import('./pages/standards-page'))

export function App() {
  const { t } = useI18n()
  const { connected } = useLive()
  useFocusHeading()
  const links = [
    ['/', 'nav.search'],
    ['/overview', 'nav.overview'],
    ['/questions', 'nav.questions'],
    ['/standards', 'nav.standards'],
    ['/orgs', 'nav.orgs'],
    ['/network', 'nav.network'],
    ['/publish', 'nav.publish'],
  ] as const
  return (
    <>
      <a className="skip-link" href="#main">
        {t('app.skip')}
      </a>
      <header className="site-header">
        <div className="brand">
          <img src="/icons/icon.svg" alt="" width="32" height="32" />
          <span className="brand-name">{t('app.name')}</span>
          <span className="tagline">{t('app.tagline')}</span>
        </div>
        <nav aria-label={t('app.nav')}>
          <ul>
            {links.map(([to, key]) => (
              <li key={to}>
                <NavLink to={to} end={to === '/'}>
                  {t(key)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <span
          className={connected ? 'live-dot on' : 'live-dot'}
          role="img"
          aria-label={t(connected ? 'live.connected' : 'live.disconnected')}
          title={t(connected ? 'live.connected' : 'live.disconnected')}
        />
        <LanguageSwitch />
      </header>
      <main id="main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Routes>
            <Route path="/" element={<SearchPage />} />
            <Route path="/overview" element={<OverviewPage />} />
            <Route path="/questions" element={<QuestionsPage />} />
            <Route path="/standards" element={<StandardsPage />} />
            <Route path="/orgs" element={<OrgsPage />} />
            <Route path="/orgs/:did" element={<OrgPage />} />
            <Route path="/network" element={<NetworkPage />} />
            <Route path="/records/:author/:id" element={<RecordPage />} />
            <Route path="/publish" element={<PublishPage />} />
            <Route path="/publish/:kind" element={<PublishKindPage />} />
            <Route path="/edit/:author/:id" element={<EditPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Routes>
        </Suspense>
      </main>
      <ActivityPanel />
    </>
  )
}
