// A limit's name in words of its own, for every limit_type and limit_window the pool sends (read from
// the server: request_count per minute, total_tokens daily and weekly, credits per 5h, 7d or 30d,
// percent), in English and Chinese; anything else is quoted, never run together.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderMsg } from '../../src/core/text/messages';
import { limitName } from '../../src/core/check/usage';

const zh = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../l10n/bundle.l10n.zh-cn.json'), 'utf8')) as Record<
  string,
  string
>;

describe('limit names', () => {
  it('names what the pool sends in plain words', () => {
    const cases: Array<[string, string | undefined, string]> = [
      ['request_count', 'minute', 'per-minute request limit'],
      ['total_tokens', 'daily', 'daily token limit'],
      ['total_tokens', 'weekly', 'weekly token limit'],
      ['credits', '5h', '5-hour credit limit'],
      ['credits', '7d', 'weekly credit limit'],
      ['credits', '30d', '30-day credit limit'],
      ['percent', '5h', '5-hour usage limit'],
      ['credits', '90m', '90-minute credit limit'],
      ['credits', 'unknown', 'credit limit'],
      ['credits', undefined, 'credit limit'],
      ['odd_type', 'fortnight', '"fortnight" "odd_type" limit'],
    ];
    for (const [type, window, words] of cases)
      assert.equal(renderMsg(limitName(type, window)), words, `${type} ${window}`);
  });

  it('reads in Chinese too', () => {
    assert.equal(renderMsg(limitName('credits', '5h'), zh), '5 小时额度上限');
    assert.equal(renderMsg(limitName('total_tokens', 'daily'), zh), '每日 token 上限');
    assert.equal(
      renderMsg(
        { id: 'diag.limitNear.cause', args: { limit: limitName('request_count', 'minute'), remaining: 1, max: 60 } },
        zh,
      ),
      '你的每分钟请求上限快用完了：剩余 1/60。',
    );
  });
});
