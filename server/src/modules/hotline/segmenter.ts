import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';

// Chinese has no spaces: knowledge-base text and queries are cut into words with jieba
// (search mode: "垃圾清运" yields 垃圾, 清运 and 垃圾清运), so "垃圾 清运 时间" finds
// "生活垃圾清运时间安排". One instance per process (the dictionary takes ~0.2 s to load);
// place names are added to it so that 新源路 or 金碧天下 stay whole words.

let jieba: Jieba | null = null;
const knownWords = new Set<string>();

function instance(): Jieba {
  jieba ??= Jieba.withDict(dict);
  return jieba;
}

/** Adds words (place names, unit names) to the user dictionary; words already added are skipped. */
export function addUserWords(words: Iterable<string>): void {
  const fresh = [...new Set(words)].map((w) => w.trim()).filter((w) => w.length > 1 && !knownWords.has(w));
  if (fresh.length === 0) return;
  // A high frequency makes jieba prefer the whole word over its pieces; "ns" tags a place name.
  instance().loadDict(Buffer.from(`${fresh.map((w) => `${w.replace(/\s+/g, '')} 100000 ns`).join('\n')}\n`));
  for (const w of fresh) knownWords.add(w);
}

const MEANINGFUL = /[\p{L}\p{N}]/u;

/** The distinct search tokens of a text: jieba search-mode words, lower-cased, punctuation dropped. */
export function searchTokens(text: string): string[] {
  const tokens = instance()
    .cutForSearch(text, true)
    .map((t) => t.trim().toLowerCase())
    .filter((t) => t.length > 0 && MEANINGFUL.test(t));
  return [...new Set(tokens)];
}
