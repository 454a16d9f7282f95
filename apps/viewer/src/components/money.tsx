import { formatMoney } from '../lib/money'
import type { Money } from '../lib/types'
import { useI18n } from '../state/i18n'

/** An amount with its currency, in the reader's number format. */
export function MoneyText({ money }: { readonly money: Money | undefined }) {
  const { locale } = useI18n()
  if (money === undefined) return null
  return <span className="money">{formatMoney(money, locale)}</span>
}
