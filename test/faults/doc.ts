// docs/fault-matrix.md, rendered from the fault matrix and the English messages.
import { messagesFor } from '../../src/core/check/diagnosis';
import { englishOf, type MessageId } from '../../src/core/text/messages';
import catalog from '../../src/core/text/catalog.json';
import { FAULTS } from './matrix';

/** The cause and fix messages of a diagnosis code, or of a URL rule ("url:<rule>"). */
export function faultMessages(code: string): { cause: MessageId; fix: MessageId } | undefined {
  if (!code.startsWith('url:')) return messagesFor(code);
  const name = code.slice(4).replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
  const cause = `endpoint.${name}.cause`;
  const fix = `endpoint.${name}.fix`;
  return cause in catalog && fix in catalog ? { cause: cause as MessageId, fix: fix as MessageId } : undefined;
}

const STATES = {
  healthy: 'healthy',
  degraded: 'works with a problem (warning colors)',
  failing: 'not working (error colors)',
} as const;
const FOUND_BY = { background: 'Background', full: 'Check', trae: 'Trae-shaped check' } as const;

export function renderFaultMatrix(): string {
  const lines = [
    '# Fault matrix',
    '',
    'What the user sees for each way a Codex Pooler, or what stands in front of it, can fail.',
    'Generated from `test/faults/matrix.ts` by `npm run docs:faults`; every row is a test that runs in a real',
    'extension host against the emulator over real sockets (`test/integration/faults.test.ts`), and the',
    'diagnosis rows are also reached in plain Node by `test/unit/diagnosis.test.ts`.',
    '',
    '"Background" is what the status bar finds by itself (`GET /v1/models` and `GET /v1/usage`, no quota);',
    '"Check" is "Codex Pooler: Check Connection" (models, the chat check, usage); "Trae-shaped check" is the',
    'streamed two-turn check with a tool, run only on request; what it finds shows on the status bar until a',
    'later Trae-shaped check passes or the URL, model or key changes (the free background checks cannot clear it).',
    "The status bar's colours have one meaning each: error colours whenever Trae's chat cannot succeed now,",
    'warning colours when it works but something needs attention, none when the last check passed.',
    'Placeholders in braces are filled in with the real values (host, model, status…).',
    '',
    '| # | Group | Situation | Found by | Diagnosis | Status bar | What the user reads |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  FAULTS.forEach((f, i) => {
    const messages = f.code ? faultMessages(f.code) : undefined;
    const reads = messages
      ? `${englishOf(messages.cause)} → ${englishOf(messages.fix)}`
      : 'Nothing to fix: the check passes.';
    const state =
      f.mode === 'trae'
        ? f.indicator === 'healthy'
          ? `${STATES[f.indicator]} (unchanged)`
          : `${STATES[f.indicator]}, until a Trae-shaped check passes`
        : f.thenRecovers
          ? `${STATES[f.indicator]}, then healthy again`
          : STATES[f.indicator];
    const cells = [String(i + 1), f.group, f.situation, FOUND_BY[f.mode], f.code ? `\`${f.code}\`` : '—', state, reads];
    lines.push(`| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`);
  });
  lines.push('', `${FAULTS.length} scenarios.`, '');
  return lines.join('\n');
}
