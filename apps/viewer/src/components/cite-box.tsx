/** "Cite as": the record's citation (from its CSL-JSON on the node), to copy. */
import { useEffect, useState } from 'react'
import { type CslItem, citationText } from '../lib/downloads'
import { useI18n } from '../state/i18n'

export function CiteBox({ path }: { readonly path: string }) {
  const { t } = useI18n()
  const [citation, setCitation] = useState<string | undefined>()
  const [copied, setCopied] = useState(false)
  useEffect(() => {
    const controller = new AbortController()
    fetch(path, {
      headers: { accept: 'application/vnd.citationstyles.csl+json' },
      signal: controller.signal,
    })
      .then((response) => (response.ok ? (response.json() as Promise<CslItem[]>) : []))
      .then((items) => setCitation(items[0] === undefined ? undefined : citationText(items[0])))
      .catch(() => setCitation(undefined))
    return () => controller.abort()
  }, [path])
  if (citation === undefined) return null
  return (
    <section className="cite-box" aria-labelledby="cite-title">
      <h2 id="cite-title">{t('cite.title')}</h2>
      <p className="citation">{citation}</p>
      <button
        type="button"
        onClick={() => {
          void navigator.clipboard?.writeText(citation).then(() => setCopied(true))
        }}
      >
        {copied ? t('cite.copied') : t('cite.copy')}
      </button>
    </section>
  )
}
