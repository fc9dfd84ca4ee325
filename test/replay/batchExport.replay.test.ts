/**
 * Every history kept under test/histories, recorded from a release whose batches may still be waiting (in the
 * journal, for an approval, in needs attention), replays against the current workflow code. A failure names
 * the file: the change would fail those batches on the deploy and belongs behind patched(…) (docs/architecture.md,
 * Versioning). No Temporal server is involved.
 */
import fs from 'node:fs';
import path from 'node:path';
import { defaultPayloadConverter } from '@temporalio/common';
import { bundleWorkflowCode, DefaultLogger, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { DEMO_CREDENTIALS } from '../../sandbox/24sevenoffice';
import { bundleWorkflows } from '../harness/temporal';
import { secretsIn } from '../histories/secrets';
import { historyToJson } from './historyJson';
import { HISTORIES_DIR, historyFiles, replayHistoryFile } from './replayHistory';

const histories = historyFiles();
let current: WorkflowBundleWithSourceMap;
beforeAll(async () => {
  current = await bundleWorkflows();
});

test('histories of a previous release are kept', () => {
  expect(histories).not.toEqual([]);
});

test.each(histories)('%s replays against the current workflow code', async (file) => {
  await replayHistoryFile(file, current);
});

test.each(histories)('%s holds none of the sandboxes\' secrets', (file) => {
  expect(secretsIn(fs.readFileSync(path.join(HISTORIES_DIR, file), 'utf8'))).toEqual([]);
});

test('a release that schedules another activity first fails the replay of every kept history, naming the file', async () => {
  const changed = await bundleWorkflowCode({ workflowsPath: require.resolve('./fixtures/recordsStageBeforeStaging'), logger: new DefaultLogger('ERROR') });
  for (const file of histories) {
    const replay = replayHistoryFile(file, changed);
    await expect(replay).rejects.toBeInstanceOf(DeterminismViolationError);
    await expect(replay).rejects.toThrow(`test/histories/${file}: the workflow code no longer replays this history`);
  }
});

test('the secret check finds the 24SevenOffice password inside a base64 payload', () => {
  const json = historyToJson({
    events: [{ activityTaskScheduledEventAttributes: { input: { payloads: [defaultPayloadConverter.toPayload({ password: DEMO_CREDENTIALS.password })] } } }],
  });
  expect(json).not.toContain(DEMO_CREDENTIALS.password);
  expect(secretsIn(json)).toEqual(['24SevenOffice password']);
});
