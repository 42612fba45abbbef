// How old an answer is and when the next check is due, as the tooltip says it.
import * as assert from 'node:assert/strict';
import { ageText, dueText } from '../../src/core/text/freshness';
import { renderMsg } from '../../src/core/text/messages';

const due = (ms: number) => renderMsg(dueText(ms));
const age = (ms: number) => renderMsg(ageText(ms));

describe('freshness words', () => {
  it('"next check in …" is the nearest whole minute: 4 min 11 s is "in 4 min", not "in 5 min" (defect)', () => {
    assert.equal(due((4 * 60 + 11) * 1000), renderMsg({ id: 'time.inMinutes', args: { n: 4 } }));
    assert.equal(due((4 * 60 + 40) * 1000), renderMsg({ id: 'time.inMinutes', args: { n: 5 } }));
    assert.equal(due(61_000), renderMsg({ id: 'time.inMinutes', args: { n: 1 } }));
    assert.equal(due(45_000), renderMsg({ id: 'time.inSeconds', args: { n: 45 } }));
    assert.equal(due(2_000), renderMsg({ id: 'time.now' }));
    assert.equal(due(89 * 60_000), renderMsg({ id: 'time.inHours', args: { n: 1 } }));
  });

  it('"checked … ago" never says more time passed than did', () => {
    assert.equal(age(5_000), renderMsg({ id: 'time.justNow' }));
    assert.equal(age(59_000), renderMsg({ id: 'time.secondsAgo', args: { n: 59 } }));
    assert.equal(age((4 * 60 + 59) * 1000), renderMsg({ id: 'time.minutesAgo', args: { n: 4 } }));
  });
});
