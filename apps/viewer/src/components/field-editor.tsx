/**
 * One field of a publish form, from its schema template; groups and lists recurse. Each
 * input is labelled, and the node's problems for it are shown under it and announced.
 */
import { type ReactNode, useState } from 'react'
import { parseAmountInput } from '../lib/amount-input'
import { fieldLabel, itemLabel, languageName } from '../lib/field-labels'
import {
  emptyItem,
  type Field,
  fieldId,
  getAt,
  type Path,
  type PlacedProblems,
  pointerOf,
  toggled,
  type Value,
} from '../lib/form-model'
import { useI18n } from '../state/i18n'
import { useLabels } from '../state/labels'
import { AttachmentUpload } from './attachment-upload'

export interface EditorContext {
  readonly value: Value
  readonly set: (path: Path, next: Value) => void
  readonly remove: (path: Path, index: number) => void
  readonly problems: PlacedProblems
}

interface EditorProps {
  readonly field: Field
  readonly path: Path
  readonly context: EditorContext
  /** A label other than the field's name (list items). */
  readonly label?: string
  /** Inside a group that may be left out: its fields are not marked required. */
  readonly inOptional?: boolean
}

function Problems({
  pointer,
  context,
}: {
  readonly pointer: string
  readonly context: EditorContext
}) {
  const { language } = useI18n()
  const list = context.problems.byField.get(pointer)
  if (list === undefined) return null
  return (
    <ul className="field-error" id={`${fieldId(pointer)}-error`}>
      {list.map((problem) => (
        <li key={`${problem.path} ${problem.code}`}>{problem.message[language]}</li>
      ))}
    </ul>
  )
}

const invalid = (context: EditorContext, pointer: string) =>
  context.problems.byField.has(pointer)
    ? { 'aria-invalid': true as const, 'aria-describedby': `${fieldId(pointer)}-error` }
    : {}

function Labelled(props: {
  readonly pointer: string
  readonly label: string
  readonly required: boolean
  readonly context: EditorContext
  readonly children: ReactNode
}) {
  const { t } = useI18n()
  return (
    <div className="form-field">
      <label htmlFor={fieldId(props.pointer)}>
        {props.label}
        {props.required && <span className="required"> ({t('publish.required')})</span>}
      </label>
      {props.children}
      <Problems pointer={props.pointer} context={props.context} />
    </div>
  )
}

function Group(props: {
  readonly pointer: string
  readonly legend: string
  readonly required?: boolean
  readonly context: EditorContext
  readonly children: ReactNode
  readonly className?: string
}) {
  const { t } = useI18n()
  return (
    <fieldset id={fieldId(props.pointer)} tabIndex={-1} className={props.className ?? 'form-group'}>
      <legend>
        {props.legend}
        {props.required && <span className="required"> ({t('publish.required')})</span>}
      </legend>
      <Problems pointer={props.pointer} context={props.context} />
      {props.children}
    </fieldset>
  )
}

/** Tags as one comma-separated input; the typed text stays while it means the same list. */
function StringList({
  pointer,
  path,
  context,
}: {
  readonly pointer: string
  readonly path: Path
  readonly context: EditorContext
}) {
  const current = getAt(context.value, path)
  const list = Array.isArray(current) ? (current as string[]) : []
  const [raw, setRaw] = useState(list.join(', '))
  const parse = (text: string) =>
    text
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean)
  // a list changed elsewhere (a loaded record) shows as itself
  const shown = parse(raw).join('\u0000') === list.join('\u0000') ? raw : list.join(', ')
  return (
    <input
      id={fieldId(pointer)}
      value={shown}
      onChange={(event) => {
        setRaw(event.target.value)
        context.set(path, parse(event.target.value))
      }}
      {...invalid(context, pointer)}
    />
  )
}

/**
 * An amount as people type it ("€ 480.000", "12,50"): the record gets the plain decimal,
 * and what was understood is shown beside it; what cannot be read is passed on as typed,
 * so the node's one message for it shows.
 */
function AmountInput({
  id,
  pointer,
  path,
  context,
}: {
  readonly id: string
  readonly pointer: string
  readonly path: Path
  readonly context: EditorContext
}) {
  const { t, language, locale } = useI18n()
  const current = getAt(context.value, path)
  const stored = typeof current === 'string' ? current : ''
  const [raw, setRaw] = useState(stored)
  const parsed = parseAmountInput(raw, language)
  // an amount set elsewhere (a loaded record) shows as itself
  const shown = parsed === stored || raw === stored ? raw : stored
  const understood = parseAmountInput(shown, language)
  const number = understood === undefined ? undefined : Number(understood)
  return (
    <>
      <input
        id={id}
        type="text"
        inputMode="decimal"
        placeholder={language === 'nl' ? '125.000,00' : '125,000.00'}
        value={shown}
        onChange={(event) => {
          setRaw(event.target.value)
          context.set(path, parseAmountInput(event.target.value, language) ?? event.target.value)
        }}
        aria-describedby={`${id}-understood`}
        {...invalid(context, pointer)}
      />
      <output id={`${id}-understood`} className="muted small" htmlFor={id}>
        {number !== undefined && shown.trim() !== ''
          ? t('publish.amountUnderstood', {
              amount: new Intl.NumberFormat(locale, {
                minimumFractionDigits: understood?.includes('.') ? 2 : 0,
                maximumFractionDigits: 4,
              }).format(number),
            })
          : ''}
      </output>
    </>
  )
}

export function FieldEditor({ field, path, context, label, inOptional = false }: EditorProps) {
  const { t, language } = useI18n()
  const { label: codeLabel, listOf, vocabularies } = useLabels()
  const pointer = pointerOf(path)
  const name = label ?? fieldLabel(field.name, language)
  const value = getAt(context.value, path)
  const id = fieldId(pointer)
  // a field of a group that may be left out is needed only when the group is given; an
  // item of a list is there because it was added, so it is not marked either
  const required = field.required && !inOptional && label === undefined

  switch (field.type) {
    case 'text': {
      if (field.input === 'amount') {
        return (
          <Labelled pointer={pointer} label={name} required={required} context={context}>
            <AmountInput id={id} pointer={pointer} path={path} context={context} />
          </Labelled>
        )
      }
      const type = field.input === 'currency' ? 'text' : field.input
      return (
        <Labelled pointer={pointer} label={name} required={required} context={context}>
          <input
            id={id}
            type={type}
            value={typeof value === 'string' ? value : ''}
            maxLength={field.maxLength}
            placeholder={field.input === 'currency' ? 'EUR' : undefined}
            onChange={(event) => context.set(path, event.target.value)}
            {...invalid(context, pointer)}
          />
        </Labelled>
      )
    }
    case 'number':
      return (
        <Labelled pointer={pointer} label={name} required={required} context={context}>
          <input
            id={id}
            type="number"
            step={field.integer ? 1 : 'any'}
            value={typeof value === 'number' ? value : ''}
            onChange={(event) =>
              context.set(path, event.target.value === '' ? undefined : Number(event.target.value))
            }
            {...invalid(context, pointer)}
          />
        </Labelled>
      )
    case 'boolean':
      return (
        <div className="form-field checkbox">
          <input
            id={id}
            type="checkbox"
            checked={value === true}
            onChange={(event) => context.set(path, event.target.checked)}
            {...invalid(context, pointer)}
          />
          <label htmlFor={id}>{name}</label>
          <Problems pointer={pointer} context={context} />
        </div>
      )
    case 'select': {
      const options =
        field.source === 'municipality'
          ? [...(vocabularies?.municipalities ?? [])]
              .sort((a, b) => (a.name ?? '').localeCompare(b.name ?? ''))
              .map((item) => [item.code, item.name ?? item.code] as const)
          : field.source === 'province'
            ? (vocabularies?.provinces ?? []).map(
                (item) => [item.code, item.name ?? item.code] as const,
              )
            : (() => {
                const list = listOf(field.options)
                return field.options.map(
                  (option) =>
                    [option, list === undefined ? option : codeLabel(list, option)] as const,
                )
              })()
      return (
        <Labelled pointer={pointer} label={name} required={required} context={context}>
          <select
            id={id}
            value={typeof value === 'string' ? value : ''}
            onChange={(event) => {
              context.set(path, event.target.value)
              // a municipality lies in one province: fill it in beside it
              if (field.source === 'municipality') {
                const province = vocabularies?.municipalities.find(
                  (m) => m.code === event.target.value,
                )?.province
                if (province !== undefined)
                  context.set([...path.slice(0, -1), 'province'], province)
              }
            }}
            {...invalid(context, pointer)}
          >
            <option value="">{t('publish.choose')}</option>
            {options.map(([code, text]) => (
              <option key={code} value={code}>
                {text}
              </option>
            ))}
          </select>
        </Labelled>
      )
    }
    case 'multiSelect': {
      const chosen = Array.isArray(value) ? (value as string[]) : []
      const list = listOf(field.options)
      return (
        <Group
          pointer={pointer}
          legend={name}
          required={required}
          context={context}
          className="form-group choices"
        >
          {field.options.map((option) => {
            const optionId = `${id}-${option}`
            return (
              <div key={option} className="checkbox">
                <input
                  id={optionId}
                  type="checkbox"
                  checked={chosen.includes(option)}
                  onChange={() => context.set(path, toggled(chosen, option))}
                />
                <label htmlFor={optionId}>
                  {list === undefined ? option : codeLabel(list, option)}
                </label>
              </div>
            )
          })}
        </Group>
      )
    }
    case 'languages': {
      const chosen = Array.isArray(value) ? (value as string[]) : []
      const all = [...new Set(['nl', 'en', ...chosen])]
      return (
        <Group
          pointer={pointer}
          legend={name}
          required={required}
          context={context}
          className="form-group choices"
        >
          {all.map((code) => (
            <div key={code} className="checkbox">
              <input
                id={`${id}-${code}`}
                type="checkbox"
                checked={chosen.includes(code)}
                onChange={() => context.set(path, toggled(chosen, code))}
              />
              <label htmlFor={`${id}-${code}`}>{languageName(code, language)}</label>
            </div>
          ))}
        </Group>
      )
    }
    case 'stringList':
      return (
        <Labelled
          pointer={pointer}
          label={`${name} (${t('publish.commaList')})`}
          required={required}
          context={context}
        >
          <StringList pointer={pointer} path={path} context={context} />
        </Labelled>
      )
    case 'langText': {
      const languages = getAt(context.value, ['languages'])
      const map = (value ?? {}) as Record<string, string>
      const shown = [
        ...new Set([
          ...(Array.isArray(languages) ? (languages as string[]) : []),
          ...Object.keys(map),
        ]),
      ]
      return (
        <Group pointer={pointer} legend={name} required={required} context={context}>
          {shown.map((code) => {
            const inner = pointerOf([...path, code])
            const Input = field.multiline ? 'textarea' : 'input'
            return (
              <Labelled
                key={code}
                pointer={inner}
                label={`${name} (${languageName(code, language)})`}
                required={false}
                context={context}
              >
                <Input
                  id={fieldId(inner)}
                  lang={code}
                  value={map[code] ?? ''}
                  maxLength={field.maxLength}
                  rows={field.multiline ? 6 : undefined}
                  onChange={(event: { target: { value: string } }) =>
                    context.set([...path, code], event.target.value)
                  }
                  {...invalid(context, inner)}
                />
              </Labelled>
            )
          })}
        </Group>
      )
    }
    case 'group':
      return (
        <Group pointer={pointer} legend={name} required={required} context={context}>
          {field.fields.map((child) => (
            <FieldEditor
              key={child.name}
              field={child}
              path={[...path, child.name]}
              context={context}
              inOptional={inOptional || !field.required}
            />
          ))}
        </Group>
      )
    case 'repeat': {
      const items = Array.isArray(value) ? value : []
      return (
        <Group pointer={pointer} legend={name} required={required} context={context}>
          {items.map((_item, index) => {
            const one = label === undefined ? itemLabel(field.name, language) : name
            const itemName = t('publish.item', { name: one, index: index + 1 })
            return (
              // biome-ignore lint/suspicious/noArrayIndexKey: list items are known by position
              <div key={index} className="repeat-item">
                <FieldEditor
                  field={field.item}
                  path={[...path, index]}
                  context={context}
                  label={itemName}
                />
                <button type="button" className="link" onClick={() => context.remove(path, index)}>
                  {t('publish.removeItem', { name: one, index: index + 1 })}
                </button>
              </div>
            )
          })}
          {(field.max === undefined || items.length < field.max) && (
            <button
              type="button"
              onClick={() => context.set([...path, items.length], emptyItem(field.item))}
            >
              {t('publish.addItem', {
                name: label === undefined ? itemLabel(field.name, language) : name,
              })}
            </button>
          )}
          {field.name === 'attachments' &&
            (field.max === undefined || items.length < field.max) && (
              <AttachmentUpload
                onUploaded={(attachment) => context.set([...path, items.length], { ...attachment })}
              />
            )}
        </Group>
      )
    }
  }
}
