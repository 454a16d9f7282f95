/**
 * A light Dutch stemmer: strips the common inflections so that plural, adjective and
 * -heid forms meet their base word ("fietsen" -> "fiets", "straten" and "straat" ->
 * "strat", "veiligheid" -> "veilig"). Deliberately conservative: compounds are left whole
 * and found by prefix instead ("warmte" -> "warmt*" finds "warmtestress").
 */

const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y'])
const MIN_STEM = 3

const isVowel = (char: string | undefined): boolean => char !== undefined && VOWELS.has(char)

/** Stems already computed: indexing stems every word, and a vocabulary repeats a lot. */
const memo = new Map<string, string>()
const MEMO_SIZE = 100_000

/** The stem of one lowercased, diacritic-free word. */
export function dutchStem(word: string): string {
  let stem = memo.get(word)
  if (stem === undefined) {
    if (memo.size >= MEMO_SIZE) memo.clear() // bounded: a rare reset costs little
    stem = stemOf(word)
    memo.set(word, stem)
  }
  return stem
}

function stemOf(word: string): string {
  if (word.length <= MIN_STEM || /\d/.test(word)) return word
  let stem = word
  if (stem.endsWith('heden')) stem = `${stem.slice(0, -5)}heid`
  if (stem.endsWith('heid') && stem.length - 4 >= MIN_STEM) return stem.slice(0, -4)
  if (stem.endsWith('en') && stem.length - 2 >= MIN_STEM && !isVowel(stem.at(-3))) {
    return normalise(stem.slice(0, -2))
  }
  if (stem.endsWith('e') && stem.length - 1 >= MIN_STEM && !isVowel(stem.at(-2))) {
    return normalise(stem.slice(0, -1))
  }
  // Plural -s only after a vowel or -er/-el/-em/-en ("fietsers", "auto's"), so "fiets" stays.
  if (stem.endsWith('s') && stem.length - 1 >= MIN_STEM && /([aeiouy]|e[rlmn])s$/.test(stem)) {
    return normalise(stem.slice(0, -1))
  }
  return normalise(stem)
}

/** Undoubles a final consonant ("bakk" -> "bak") and a long vowel before it ("straat" -> "strat"). */
function normalise(stem: string): string {
  let out = stem
  const last = out.at(-1)
  if (out.length > MIN_STEM && last !== undefined && !isVowel(last) && out.at(-2) === last) {
    out = out.slice(0, -1)
  }
  const match = /([^aeiouy])(aa|ee|oo|uu)([^aeiouy])$/.exec(out)
  if (match !== null && out.length > MIN_STEM) {
    out = `${out.slice(0, -3)}${out.at(-2)}${out.at(-1)}`
  }
  return out
}
