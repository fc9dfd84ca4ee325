/**
 * The real Finvoice 3.0 schema check: `xmllint --noout --schema Finvoice3.0.xsd -` (libxml2-utils) on a document.
 * The XSD is Finance Finland's file in the shared reference folder beside the repository, never a copy in it;
 * tests that need it skip, with this module's message, when it or xmllint is missing.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export const FINVOICE_XSD = path.resolve(__dirname, '../../../shared/reference/finvoice-3.0/Finvoice3.0.xsd');

export function finvoiceXsdAvailable(): boolean {
  return fs.existsSync(FINVOICE_XSD) && spawnSync('xmllint', ['--version']).status === 0;
}

export const FINVOICE_XSD_MISSING = `Finvoice schema checks skipped: needs ${FINVOICE_XSD} (Finance Finland's Finvoice3.0.xsd, ` +
  'https://file.finanssiala.fi/finvoice/Finvoice3.0.xsd) and xmllint (apt-get install libxml2-utils)';

export function validateFinvoice(xml: string): { ok: boolean; errors: string[] } {
  const run = spawnSync('xmllint', ['--noout', '--schema', FINVOICE_XSD, '-'], { input: xml, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (run.error) throw run.error;
  const errors = run.stderr.split('\n').map((l) => l.trim()).filter((l) => l && !/validates$/.test(l));
  return { ok: run.status === 0, errors };
}
