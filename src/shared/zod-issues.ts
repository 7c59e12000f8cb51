import type { z } from 'zod';
import type { FieldIssue } from './errors';

export function zodIssues(error: z.ZodError, location?: FieldIssue['location']): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
    location,
    message: issue.message,
  }));
}
