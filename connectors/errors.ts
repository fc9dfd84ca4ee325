/**
 * Typed connector failures. The activity layer turns them into Temporal ApplicationFailures with the same
 * `type`: retryable ones are retried with backoff (no earlier than retryAfter), the others wait for a person.
 */
export type ConnectorErrorType =
  | 'LoginFailed' // wrong credentials: empty LoginResult
  | 'IdentityBlocked' // the chosen identity (company) is blocked or unknown for this user
  | 'NotAuthenticated' // the session is gone and a fresh login did not help
  | 'RateLimited' // quarantine or budget exhausted; retry at retryAfter
  | 'Unavailable' // network error, timeout, HTTP 5xx without a SOAP fault
  | 'SoapFault' // the service answered with a SOAP fault
  | 'MalformedResponse' // not SOAP/XML/JSON, or not the shape the API promises
  | 'UnsafeXml' // DOCTYPE or entity declarations: refused before parsing
  | 'ResponseTooLarge' // over the connector's size bound
  | 'ValidationFailed' // our own input is wrong (e.g. amount with three decimals): nothing was sent
  | 'Rejected' // the service refused a write with a reason (e.g. unknown account)
  | 'DuplicateData'; // the service already has this document (e.g. Talenom: an invoice with this documentId): look it up

/** One reason of a refusal as the service gave it (its field, its words), for an operator to read verbatim. */
export interface RejectionReason {
  field?: string;
  message: string;
}

const RETRYABLE: ReadonlySet<ConnectorErrorType> = new Set(['RateLimited', 'Unavailable', 'NotAuthenticated']);

export class ConnectorError extends Error {
  override readonly name = 'ConnectorError';
  readonly retryable: boolean;

  constructor(
    readonly type: ConnectorErrorType,
    message: string,
    readonly details: { retryAfter?: Date; cause?: unknown; reasons?: RejectionReason[] } = {},
  ) {
    super(message, { cause: details.cause });
    this.retryable = RETRYABLE.has(type);
  }

  get retryAfter(): Date | undefined {
    return this.details.retryAfter;
  }

  get reasons(): RejectionReason[] {
    return this.details.reasons ?? [];
  }
}

export function isConnectorError(err: unknown, type?: ConnectorErrorType): err is ConnectorError {
  return err instanceof ConnectorError && (type === undefined || err.type === type);
}
