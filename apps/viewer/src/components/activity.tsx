/** The latest records that arrived, were changed or retracted, live; announced politely. */
import { Link } from 'react-router-dom'
import { recordPath } from '../lib/api'
import { useI18n } from '../state/i18n'
import { type Activity, useLive } from '../state/live'
import { useRecord } from '../state/queries'

const SHOWN = 5

function titleKey(kind: Activity['kind']) {
  return kind === 'record:added'
    ? 'live.new'
    : kind === 'record:updated'
      ? 'live.updated'
      : 'live.retracted'
}

function ActivityItem({ item }: { readonly item: Activity }) {
  const { t, text } = useI18n()
  const record = useRecord(item.event.ref)
  const title =
    item.event.title !== undefined
      ? text(item.event.title)
      : record.data !== undefined && 'title' in record.data
        ? text(record.data.title)
        : item.event.id
  return (
    <li>
      <Link to={recordPath(item.event.author, item.event.id)}>
        {t(titleKey(item.kind), { title })}
      </Link>
    </li>
  )
}

export function ActivityPanel() {
  const { t } = useI18n()
  const { activity } = useLive()
  const latest = activity[0]
  return (
    <aside className="activity" aria-labelledby="activity-title">
      <h2 id="activity-title">{t('live.activity')}</h2>
      {activity.length === 0 ? (
        <p className="muted">{t('common.none')}</p>
      ) : (
        <ul>
          {activity.slice(0, SHOWN).map((item) => (
            <ActivityItem key={`${item.event.ref} ${item.event.version} ${item.at}`} item={item} />
          ))}
        </ul>
      )}
      <ul className="visually-hidden" aria-live="polite">
        {latest !== undefined && <ActivityItem item={latest} />}
      </ul>
    </aside>
  )
}
