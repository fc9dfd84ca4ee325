/**
 * Replays a history kept under test/histories against a workflow bundle. A DeterminismViolationError names the
 * file, so a failing deploy check says which waiting batch of which release the change would break.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { History } from '@temporalio/common/lib/proto-utils';
import { defaultPayloadConverter } from '@temporalio/common';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { batchWorkflowId } from '../../client/batches';
import type { BatchExportInput } from '../../workflows/batchExport';
import { historyFromJson } from './historyJson';
import { ledgerbridgeDataConverter } from '../../platform/dataConverter';
import { createEncryptionCodec } from '../../platform/payloadCodec';
import { TEST_CODEC_KEYS } from '../harness/temporal';

export const HISTORIES_DIR = path.resolve(__dirname, '../histories');

/** Every history JSON under test/histories, one folder per release, as paths relative to that folder. */
export function historyFiles(): string[] {
  return fs.readdirSync(HISTORIES_DIR, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.json')).sort();
}

export function readHistory(file: string): History {
  return historyFromJson(fs.readFileSync(path.resolve(HISTORIES_DIR, file), 'utf8'));
}

export async function replayHistoryFile(file: string, workflowBundle: WorkflowBundleWithSourceMap): Promise<void> {
  const history = readHistory(file);
  try {
    // Through the workers' data converter: histories from before payload encryption pass its codec unchanged.
    const dataConverter = ledgerbridgeDataConverter(TEST_CODEC_KEYS);
    await Worker.runReplayHistory({ workflowBundle, replayName: file, dataConverter }, history, await workflowIdOf(history));
  } catch (err) {
    if (!(err instanceof DeterminismViolationError)) throw err;
    err.message = `test/histories/${file}: the workflow code no longer replays this history (${err.message}); ` +
      'a batch of that release still waiting would fail on the deploy: put the change behind patched(…) (docs/architecture.md, Versioning)';
    throw err;
  }
}

/** Histories carry no workflow id; the batch's is its business id, rebuilt from the start input. */
async function workflowIdOf(history: History): Promise<string> {
  const input = history.events?.[0]?.workflowExecutionStartedEventAttributes?.input?.payloads?.[0];
  if (!input) throw new Error('the history does not begin with WorkflowExecutionStarted and its input: record it again (test/histories/README.md)');
  const [decoded] = await createEncryptionCodec(TEST_CODEC_KEYS).decode([input]);
  const { tenant, batchId } = defaultPayloadConverter.fromPayload<BatchExportInput>(decoded!);
  return batchWorkflowId(tenant, batchId);
}
