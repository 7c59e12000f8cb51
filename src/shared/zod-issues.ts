import type { z } from 'zod';
import type { FieldIssue } from './errors';

/**
 * zod's issues as field issues. An unknown key is reported by zod at the object holding it; here each
 * unknown key gets its own issue whose path ends in that key, so `field` and `pointer` name it.
 */
export function zodIssues(error: z.ZodError, location?: FieldIssue['location']): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part));
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        path: [...path, key],
        location,
        message: `'${key}' is not a field this accepts`,
      }));
    }
    return [{ path, location, message: issue.message }];
  });
}
