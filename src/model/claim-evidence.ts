import type { FieldIssue } from '../shared/errors';
import type { EvidenceSpan } from './common-schema';

/**
 * The one rule for a claim's evidence, applied wherever a statement or relation enters the graph (create,
 * update, both imports, review edits, ingestion): its evidence span must read, in its document's text,
 * the sentence it gives, and its quote must occur in that text once quotation marks and white space are
 * normalised. A claim on a document stored without text cannot be checked: it is kept, marked
 * `evidenceStatus: "unverified"`.
 */
export interface ClaimEvidence {
  quote?: string;
  evidence?: EvidenceSpan;
  documentId?: string;
}

/** What the rule needs of the claim's document: its text, when it has one. */
export interface EvidenceSource {
  id: string;
  text?: string;
}

export type EvidenceStatus = 'verified' | 'unverified';

export interface EvidenceCheck {
  /** Absent when the claim has neither a quote nor an evidence span: there is nothing to check. */
  status?: EvidenceStatus;
  issues: FieldIssue[];
}

/**
 * Checks a claim against its document (`undefined` when the claim names none). The issues name the field
 * (`quote`, `evidence.start`, `documentId`); with no issues, `status` is what to store on the claim.
 */
export function checkClaimEvidence(
  claim: ClaimEvidence,
  document: EvidenceSource | undefined,
): EvidenceCheck {
  if (claim.quote === undefined && claim.evidence === undefined) return { issues: [] };
  const issues: FieldIssue[] = [];
  if (claim.evidence && !claim.documentId) {
    issues.push({ path: ['documentId'], message: 'is required when evidence is given' });
    return { issues };
  }
  if (!document || document.text === undefined) return { status: 'unverified', issues };
  const text = document.text;
  if (claim.evidence) {
    const { sentence, start, end } = claim.evidence;
    const found = text.slice(start, end);
    if (found !== sentence) {
      issues.push({
        path: ['evidence', 'start'],
        message: `characters ${start}..${end} of '${document.id}' read "${truncate(found)}", not the sentence given`,
      });
    }
  }
  if (claim.quote !== undefined && !normalizedText(text).includes(normalizedQuote(claim.quote))) {
    issues.push({
      path: ['quote'],
      message: `"${truncate(claim.quote)}" does not occur in the text of document '${document.id}'`,
    });
  }
  return { status: 'verified', issues };
}

const DOUBLE_QUOTES = /[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb\u301d\u301e\uff02]/g;
const SINGLE_QUOTES = /[\u2018\u2019\u201a\u201b\u2032\u2039\u203a`\u00b4]/g;

/** Curly and straight quotation marks alike, every run of white space one space. */
export function normalizedText(text: string): string {
  return text.replace(DOUBLE_QUOTES, '"').replace(SINGLE_QUOTES, "'").replace(/\s+/g, ' ');
}

/** A quote is compared without the quotation marks that may frame it. */
function normalizedQuote(quote: string): string {
  return normalizedText(quote)
    .trim()
    .replace(/^["']+|["']+$/g, '')
    .trim();
}

function truncate(text: string): string {
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
