import type { Config } from '../config/config';
import type { Extractor } from './extractor';
import { LlmExtractor } from './llm-extractor';
import { RulesExtractor } from './rules-extractor';

/** The configured extractor: the local rules one unless EXTRACTOR=llm names an endpoint. */
export function createExtractor(config: Config): Extractor {
  const { extractor, llm } = config.extraction;
  if (extractor === 'llm') {
    if (!llm) throw new Error('stancegraph/extraction: EXTRACTOR=llm needs LLM_BASE_URL');
    return new LlmExtractor(llm);
  }
  return new RulesExtractor();
}
