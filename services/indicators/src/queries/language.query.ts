import { negotiateLanguage } from '@hub/kit';
import { Language } from '../entities/enums';
import type { IndicatorsContext } from '../loaders';
import { LABEL_LANGUAGES } from '../seeds/labels.data';

/**
 * The language of a labelled field: its `lang` argument, else the best of en/fr/de the request's
 * `Accept-Language` asks for (forwarded by the gateway), else English.
 */
export function languageOf(
  lang: Language | null | undefined,
  context: Pick<IndicatorsContext, 'acceptLanguage'>,
): Language {
  if (lang) return lang;
  return (negotiateLanguage(context.acceptLanguage, LABEL_LANGUAGES) as Language | null) ?? Language.EN;
}
