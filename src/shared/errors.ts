/**
 * shared/: helpers that know nothing of Stancegraph's records (errors, ids, logging, seeded randomness,
 * small collection, date and object helpers). Every layer may use it; it uses nothing of the project's.
 */
/**
 * The few failures the service distinguishes. Everything below the HTTP layer throws one of these; the
 * problem middleware maps each class to a status code, so no layer needs to know about HTTP.
 */
export abstract class StancegraphError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

export interface FieldIssue {
  /** Path to the offending field, e.g. `["evidence", "end"]` or `["actorId"]`. */
  path: (string | number)[];
  /** Which part of an HTTP request it was in, when it came from one. */
  location?: 'path' | 'query' | 'body';
  message: string;
}

/** The input is well-formed JSON but breaks a rule (bad field, unknown referenced id, broken span). */
export class ValidationError extends StancegraphError {
  constructor(
    message: string,
    readonly issues: FieldIssue[],
  ) {
    super(message);
  }
}

export class NotFoundError extends StancegraphError {
  constructor(
    readonly entity: string,
    readonly id: string,
  ) {
    super(`${entity} '${id}' does not exist`);
  }
}

/** The write collides with what is stored: a duplicate id, or a delete that would orphan records. */
export class ConflictError extends StancegraphError {
  constructor(
    message: string,
    readonly issues: FieldIssue[] = [],
  ) {
    super(message);
  }
}

/** A request the service refuses because it would cost too much (depth, fan-out, graph size). */
export class LimitExceededError extends StancegraphError {
  constructor(
    message: string,
    readonly limit: string,
    readonly value: number,
    readonly max: number,
  ) {
    super(message);
  }
}

/** The backing store cannot be reached; the request may succeed later. */
export class StoreUnavailableError extends StancegraphError {
  constructor(
    message: string,
    readonly retryAfterSeconds = 5,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
