// ESLint's formatter for `npm run lint`: ESLint's own report (stylish) when something is wrong, and always one
// line that says what was checked, so a clean run is not silent.
import path from 'node:path';
import { ESLint } from 'eslint';

export default async function format(results, context) {
  const byKind = new Map();
  for (const result of results) {
    const kind = path.extname(result.filePath).slice(1) || 'other';
    byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
  }
  const errors = results.reduce((n, r) => n + r.errorCount, 0);
  const warnings = results.reduce((n, r) => n + r.warningCount, 0);
  const kinds = [...byKind].sort(([, a], [, b]) => b - a).map(([kind, count]) => `${count} .${kind}`);
  const stylish =
    errors + warnings > 0 ? await (await new ESLint().loadFormatter('stylish')).format(results, context) : '';
  return `${stylish}eslint: ${results.length} files (${kinds.join(', ')}), ${errors} errors, ${warnings} warnings`;
}
