// The users page of the large organization in Korean and in Japanese against English (issue 18: server
// time and HTML weight within 5%). One server, the Owner's session, the language chosen by its cookie;
// sequential views, the three languages interleaved in a turning order so that drift weighs alike on each.
import zlib from 'node:zlib';
import { config, CouldNotRun, median, quick } from './config';
import type { SeededOrg } from './database';
import { view } from './measure';
import type { Row } from './report';
import type { Server } from './server';

const LANGUAGES = ['en', 'ko', 'ja'] as const;
type Language = (typeof LANGUAGES)[number];

export interface LanguageFigures {
  /** Median time to the last byte of a sequential view, ms. */
  medianMs: number;
  bytes: number;
  gzipBytes: number;
}
export type LanguageResult = Record<Language, LanguageFigures>;

export async function measureLanguages(
  server: Server,
  cookie: string,
  org: SeededOrg,
  views = quick ? 30 : config.viewSamples * 20,
): Promise<LanguageResult> {
  const url = `${server.url}/admin/${org.slug}/users`;
  const times: Record<Language, number[]> = { en: [], ko: [], ja: [] };
  const sizes = {} as Record<Language, { bytes: number; gzipBytes: number }>;
  for (let round = -3; round < views; round++) {
    const order = LANGUAGES.map((_, i) => LANGUAGES[(i + Math.max(0, round)) % LANGUAGES.length]);
    for (const language of order) {
      const started = performance.now();
      const page = await view(url, `${cookie}; ai-hub-locale=${language}`);
      const ms = performance.now() - started;
      if (page.status !== 200) throw new CouldNotRun(`the users page in ${language} answered ${page.status}`);
      const html = page.body.toString('utf8');
      if (!html.includes(`<html lang="${language}"`))
        throw new CouldNotRun(`the users page asked for in ${language} was not in it`);
      // The first rounds warm each language's path up and are not counted.
      if (round >= 0) times[language].push(ms);
      sizes[language] = { bytes: page.body.length, gzipBytes: zlib.gzipSync(page.body).length };
    }
  }
  return Object.fromEntries(
    LANGUAGES.map((language) => [language, { medianMs: median(times[language]), ...sizes[language] }]),
  ) as LanguageResult;
}

/** English in the first column, the language in the second; each within 5% of English. */
export function languageRows(result: LanguageResult, members: number): Row[] {
  const rows: Row[] = [
    {
      section: `The users page at ${members.toLocaleString('en-US')} members in Korean and Japanese (columns: English | the language)`,
    },
  ];
  for (const language of ['ko', 'ja'] as const) {
    const en = result.en;
    const other = result[language];
    const time = other.medianMs / en.medianMs;
    rows.push({
      figure: `server time, ${language} ÷ en (median ms of a view)`,
      small: en.medianMs.toFixed(1),
      large: other.medianMs.toFixed(1),
      ratio: time,
      target: '≤ 1.05',
      met: time <= 1.05,
    });
    const weight = other.bytes / en.bytes;
    rows.push({
      figure: `HTML weight, ${language} ÷ en (bytes; gzip ${other.gzipBytes} vs ${en.gzipBytes})`,
      small: String(en.bytes),
      large: String(other.bytes),
      ratio: weight,
      target: '≤ 1.05',
      met: weight <= 1.05,
    });
  }
  return rows;
}
