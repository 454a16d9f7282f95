/**
 * What a node that holds nothing yet shows instead of an empty search: the four steps of
 * a first hour, each with where to take it (the viewer's page and the CLI command).
 */
import { Link } from 'react-router-dom'
import type { MessageKey } from '../lib/messages'
import { useI18n } from '../state/i18n'

const STEPS: readonly { title: MessageKey; text: MessageKey; to: string; cli: string }[] = [
  {
    title: 'guide.name.title',
    text: 'guide.name.text',
    to: '/publish/organization',
    cli: 'polder publish organisatie.json',
  },
  {
    title: 'guide.connect.title',
    text: 'guide.connect.text',
    to: '/network',
    cli: 'polder connect /ip4/…/p2p/…',
  },
  {
    title: 'guide.follow.title',
    text: 'guide.follow.text',
    to: '/orgs',
    cli: 'polder follow did:key:…',
  },
  {
    title: 'guide.publish.title',
    text: 'guide.publish.text',
    to: '/publish/practice',
    cli: 'polder publish praktijk.json',
  },
]

export function FirstRunGuide() {
  const { t } = useI18n()
  return (
    <section className="first-run" aria-labelledby="first-run-title">
      <h2 id="first-run-title">{t('guide.title')}</h2>
      <p>{t('guide.intro')}</p>
      <ol>
        {STEPS.map((step) => (
          <li key={step.to}>
            <Link to={step.to}>
              <strong>{t(step.title)}</strong>
            </Link>
            <p>{t(step.text)}</p>
            <p className="muted small">
              {t('guide.cli')} <code>{step.cli}</code>
            </p>
          </li>
        ))}
      </ol>
    </section>
  )
}
