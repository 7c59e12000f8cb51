import { defineRoute } from '../http/route-definition';
import { searchEverything, searchQuerySchema, searchResultSchema } from '../search/search-service';

/** Full-text search across quotes, evidence sentences and document text. */
export const searchRoutes = [
  defineRoute({
    method: 'get',
    path: '/search',
    tag: 'Search',
    summary: 'Search quotes, evidence sentences and documents',
    description:
      "Every word must start a word of one field (a quote, an evidence sentence, a document's title or " +
      'text), accents and case ignored. Best matches first, each with its record and a snippet whose ' +
      'highlights mark the words. Rejected claims only when `reviewStatus` asks for them.',
    query: searchQuerySchema,
    response: searchResultSchema,
    handle: ({ query }, { store }) => searchEverything(store, query),
  }),
];
