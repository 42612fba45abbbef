// A Trae-shaped check report as plain text, for the log and "Copy Diagnostics". Built only from the
// report (which never holds the key); callers still pass the result through redactText.
import type { Msg } from '../../text/messages';
import type { TraeCheckReport, TraeTurnReport } from './traeCheck';

export function formatTraeReport(report: TraeCheckReport, render: (m: Msg) => string): string {
  const lines = [
    `Trae-shaped check: ${report.verdict} (model ${report.model}, POST ${report.url}, ${report.durationMs} ms)`,
  ];
  for (const turn of report.turns) lines.push(formatTurn(turn));
  for (const d of report.diagnoses)
    lines.push(`- [${d.severity}] ${d.step} ${d.code}: ${render(d.cause)} -> ${render(d.fix)} (${d.detail})`);
  return lines.join('\n');
}

function formatTurn(t: TraeTurnReport): string {
  const facts = [
    t.status === undefined
      ? 'no answer'
      : `HTTP ${t.status}${t.eventStream ? ' event stream' : ' (not an event stream)'}`,
    t.timeToFirstTokenMs !== undefined ? `first token ${t.timeToFirstTokenMs} ms` : 'no token',
    `${t.durationMs} ms in all`,
    `${t.dataFrames} data frame${t.dataFrames === 1 ? '' : 's'}${t.frameSpreadMs !== undefined ? ` over ${t.frameSpreadMs} ms` : ''}`,
    t.done ? 'ended with [DONE]' : 'no [DONE]',
    `finish_reason ${t.finishReason ?? 'none'}`,
    t.usage ? 'usage sent' : 'no usage',
    t.toolCalled ? 'tool called' : 'tool not called',
  ];
  const served = t.servedModel ? `; served by ${t.servedModel}` : '';
  return `Turn ${t.turn}: ${facts.join(', ')}; answer ${JSON.stringify(t.answer)}${served}`;
}
