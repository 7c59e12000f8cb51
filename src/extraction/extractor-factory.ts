import type { Config } from '../config/config';
import { ValidationError } from '../shared/errors';
import type { Extractor } from './extractor';
import { LlmExtractor } from './llm-extractor';
import { RulesExtractor } from './rules-extractor';

export type ExtractorChoice = 'rules' | 'llm';

/**
 * The extractor for one request: the one it asks for, else the service's (EXTRACTOR, the local rules one
 * unless EXTRACTOR=llm names an endpoint). Asking for the LLM one of a service with no endpoint is refused.
 */
export function createExtractor(config: Config, choice?: ExtractorChoice): Extractor {
  const { extractor, llm } = config.extraction;
  const chosen = choice ?? extractor;
  if (chosen === 'llm') {
    if (!llm) {
      if (choice)
        throw new ValidationError('stancegraph/extraction: this service has no LLM endpoint (LLM_BASE_URL)', [
          { path: ['extractor'], message: 'the llm extractor is not configured on this service' },
        ]);
      throw new Error('stancegraph/extraction: EXTRACTOR=llm needs LLM_BASE_URL');
    }
    return new LlmExtractor(llm);
  }
  return new RulesExtractor();
}
