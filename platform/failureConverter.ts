/**
 * Loaded by path (`failureConverterPath`) into the workflow bundle as well as clients and workers, so it imports
 * nothing of ours. By default a failure's message and stack trace are plain text in history; encoded as a payload
 * they pass through the payload codec and are encrypted like everything else (an error may quote a customer).
 */
import { DefaultFailureConverter } from '@temporalio/common';

export const failureConverter = new DefaultFailureConverter({ encodeCommonAttributes: true });
