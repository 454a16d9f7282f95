/** Labels of vocabulary codes and facet values in the chosen language. */
import { useCallback } from 'react'
import { orgDisplayName } from '../lib/org-name'
import type { FacetCount, FacetName, Vocabularies, VocabularyItem } from '../lib/types'
import { useI18n } from './i18n'
import { useOrgs, useVocabularies } from './queries'

const LIST_OF_FACET: Partial<Record<FacetName, keyof Vocabularies>> = {
  kind: 'kinds',
  theme: 'themes',
  orgType: 'organizationTypes',
  status: 'practiceStatuses',
  funding: 'fundingSources',
  standard: 'standards',
  barrier: 'barriers',
  municipality: 'municipalities',
  province: 'provinces',
}

const LANGUAGE_NAMES: Readonly<Record<string, [string, string]>> = {
  nl: ['Dutch', 'Nederlands'],
  en: ['English', 'Engels'],
  de: ['German', 'Duits'],
  fr: ['French', 'Frans'],
  fy: ['Frisian', 'Fries'],
}

export type ListName = Exclude<keyof Vocabularies, 'sdgs'>

export function useLabels() {
  const { language, text, t } = useI18n()
  const vocabularies = useVocabularies().data
  const orgs = useOrgs().data

  /** The label of a code in a vocabulary list; the code itself when unknown. */
  const label = useCallback(
    (list: ListName, code: string): string => {
      const items: readonly VocabularyItem[] | undefined = vocabularies?.[list]
      const item = items?.find((entry) => entry.code === code)
      if (item === undefined) return code
      return 'label' in item ? text(item.label) : item.name
    },
    [vocabularies, text],
  )

  const orgName = useCallback(
    (did: string): string => {
      const org = orgs?.organizations.find((entry) => entry.did === did)
      const name = org === undefined ? undefined : orgDisplayName(org)
      return name !== undefined ? text(name) : `${did.slice(0, 16)}…${did.slice(-6)}`
    },
    [orgs, text],
  )

  const facetLabel = useCallback(
    (facet: FacetName, entry: Pick<FacetCount, 'value' | 'label'>): string => {
      if (entry.label !== undefined) return text(entry.label)
      if (facet === 'organization') return orgName(entry.value)
      if (facet === 'sdg') {
        const sdg = vocabularies?.sdgs.find((item) => String(item.number) === entry.value)
        return sdg === undefined ? `SDG ${entry.value}` : `${entry.value}. ${text(sdg.label)}`
      }
      if (facet === 'language') {
        const names = LANGUAGE_NAMES[entry.value]
        return names === undefined ? entry.value : language === 'en' ? names[0] : names[1]
      }
      if (facet === 'status') {
        // practices and questions share the status facet, each with its own statuses
        const practice = label('practiceStatuses', entry.value)
        return practice !== entry.value ? practice : label('questionStatuses', entry.value)
      }
      if (facet === 'jointPilot') return t('facet.jointPilot.yes')
      const list = LIST_OF_FACET[facet]
      return list === undefined || list === 'sdgs' ? entry.value : label(list, entry.value)
    },
    [vocabularies, text, label, orgName, language, t],
  )

  /** Which vocabulary list a select's options come from (all its options are codes there). */
  const listOf = useCallback(
    (options: readonly string[]): ListName | undefined => {
      if (vocabularies === undefined || options.length === 0) return undefined
      const lists: ListName[] = [
        'practiceStatuses',
        'themes',
        'organizationTypes',
        'barriers',
        'impactDimensions',
        'fundingSources',
        'relationTypes',
        'kinds',
        'questionStatuses',
        'urgencies',
        'standards',
      ]
      return lists.find((list) => {
        const codes = new Set(vocabularies[list].map((item) => item.code))
        return options.every((option) => codes.has(option))
      })
    },
    [vocabularies],
  )

  return { label, orgName, facetLabel, listOf, vocabularies }
}
