/**
 * Publish or edit a record of any kind: the fields come from the kind's JSON Schema;
 * the draft is checked by the node (`POST /v1/validate`) and each problem shows at its
 * field, in the reader's language, before anything is written.
 */

import type { Problem } from '@polder/schema'
import { useQueryClient } from '@tanstack/react-query'
import { type FormEvent, useMemo, useRef, useState } from 'react'
import { useNavigate } from 'react-router-dom'
import { ApiError, node, recordPath, single } from '../lib/api'
import { fieldLabel } from '../lib/field-labels'
import {
  changesOf,
  type FormValue,
  fieldId,
  fieldPointers,
  formFields,
  type JsonSchema,
  type Path,
  placeProblems,
  recordOf,
  removeAt,
  setAt,
  writersProblems,
} from '../lib/form-model'
import type { PolderRecord } from '../lib/types'
import { useI18n } from '../state/i18n'
import { useAuthorized } from '../state/token'
import { type EditorContext, FieldEditor } from './field-editor'
import { ErrorNote } from './status'

export interface RecordFormProps {
  readonly schema: JsonSchema
  readonly initial: FormValue
  /** The record being edited; a new one when absent. */
  readonly editing?: PolderRecord
}

export function RecordForm({ schema, initial, editing }: RecordFormProps) {
  const { t, language } = useI18n()
  const authorized = useAuthorized()
  const navigate = useNavigate()
  const client = useQueryClient()
  const fields = useMemo(() => formFields(schema), [schema])
  const [value, setValue] = useState<FormValue>(initial)
  const [problems, setProblems] = useState<readonly Problem[]>([])
  const [error, setError] = useState<unknown>()
  const [busy, setBusy] = useState(false)
  const summary = useRef<HTMLDivElement>(null)

  const placed = useMemo(
    () => placeProblems(problems, fieldPointers(fields, value)),
    [problems, fields, value],
  )
  const context: EditorContext = {
    value,
    problems: placed,
    set: (path: Path, next) => setValue((current) => setAt(current, path, next) as FormValue),
    remove: (path: Path, index) =>
      setValue((current) => removeAt(current, path, index) as FormValue),
  }

  const showProblems = (list: readonly Problem[]) => {
    setProblems(list)
    // the summary takes focus, so a screen reader hears how many problems there are
    window.requestAnimationFrame(() => summary.current?.focus())
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setBusy(true)
    setError(undefined)
    try {
      const record = recordOf(value)
      // a new record is checked as the draft it is, as publish will; an edit as the
      // version it makes
      const body = editing === undefined ? record : { ...editing, ...record, kind: editing.kind }
      const check = await node.validateRecord({ body }).catch((failure: unknown) => {
        if (failure instanceof ApiError && failure.status === 422)
          return failure.problem?.problems ?? []
        throw failure
      })
      if (Array.isArray(check)) {
        const own = writersProblems(check)
        if (own.length > 0) return showProblems(own)
      }
      setProblems([])
      const saved = await authorized(() =>
        editing === undefined
          ? node.publishRecords({ body: { ...record, kind: String(record.kind) } }).then(single)
          : node.editRecord({ params: { id: editing.id }, body: changesOf(value, editing) }),
      )
      void client.invalidateQueries({ queryKey: ['search'] })
      void client.invalidateQueries({ queryKey: ['record'] })
      navigate(recordPath(saved.author, saved.id))
    } catch (failure) {
      if (failure instanceof ApiError && failure.status === 422 && failure.problem?.problems)
        showProblems(failure.problem.problems)
      else setError(failure)
    } finally {
      setBusy(false)
    }
  }

  const count = problems.length
  return (
    <form className="record-form" onSubmit={(event) => void submit(event)} noValidate>
      <div
        ref={summary}
        tabIndex={-1}
        className={count > 0 ? 'problem-summary' : undefined}
        role={count > 0 ? 'alert' : undefined}
      >
        {count > 0 && (
          <>
            <p>{count === 1 ? t('publish.problem') : t('publish.problems', { count })}</p>
            <ul>
              {problems.map((problem) => {
                const target = [...placed.byField].find(([, list]) => list.includes(problem))?.[0]
                const name = problem.path
                  .split('/')
                  .filter(Boolean)
                  .map((part) =>
                    /^\d+$/.test(part) ? String(Number(part) + 1) : fieldLabel(part, language),
                  )
                  .join(' › ')
                return (
                  <li key={`${problem.path} ${problem.code}`}>
                    {target === undefined ? (
                      `${name || t('publish.recordProblem')}: ${problem.message[language]}`
                    ) : (
                      <a
                        href={`#${fieldId(target)}`}
                        onClick={(event) => {
                          event.preventDefault()
                          document.getElementById(fieldId(target))?.focus()
                        }}
                      >
                        {name}: {problem.message[language]}
                      </a>
                    )}
                  </li>
                )
              })}
            </ul>
          </>
        )}
      </div>
      {fields.map((field) => (
        <FieldEditor key={field.name} field={field} path={[field.name]} context={context} />
      ))}
      {error !== undefined && <ErrorNote error={error} />}
      <div className="actions">
        <button type="submit" className="primary" disabled={busy}>
          {busy
            ? t('publish.checking')
            : editing === undefined
              ? t('publish.submit')
              : t('publish.saveVersion')}
        </button>
      </div>
    </form>
  )
}
