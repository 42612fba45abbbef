// The URL rules where StrykerJS's mutants outlived endpoint.mutation.test.ts (docs/mutation.md): each answer is
// compared whole, and each input is one a specific mutant answers differently (named in the test).
import * as assert from 'node:assert/strict';
import { analyzeEndpoint, suggestCorrection } from '../../src/core/url/endpoint';
import { summary } from './endpointSummary';

const P = 'https://pool.example.com';
const answers = (input: string, fullUrl: boolean, expected: readonly string[]) =>
  assert.deepEqual(summary(analyzeEndpoint(input, fullUrl)), expected, input);

describe('URL rules where mutants survived (mutation)', () => {
  it('a second scheme counts only after a leading one, and a scheme of one letter or ending in a digit is one', () => {
    // Without the ^, the query's own "http://" would be taken for the first scheme.
    answers(`pool.example.com/v1?u=http://a&v=https://b`, false, [
      'refused "pool.example.com/v1?u=http://a&v=https://b"',
      'missing-scheme error endpoint.missingScheme.cause{"scheme":"https"} endpoint.missingScheme.fix{"scheme":"https"} -> https://pool.example.com/v1?u=http://a&v=https://b endpoint.fix.addScheme{"url":"https://pool.example.com/v1?u=http://a&v=https://b"}',
    ]);
    // Letters, digits, "+.-" after the first letter, any number of them (none too).
    for (const second of ['a://b', 'h2://b'])
      answers(`${P}/v1/${second}`, false, [
        `refused "${P}/v1/${second}"`,
        'doubled-scheme error endpoint.doubledScheme.cause endpoint.doubledScheme.fix',
      ]);
  });

  it('"http:/" is malformed even when a "://" comes later', () => {
    answers('http:/pool.example.com/a://b', false, [
      'refused "http:/pool.example.com/a://b"',
      'malformed-scheme error endpoint.malformedScheme.cause{"scheme":"http"} endpoint.malformedScheme.fix{"scheme":"http"}',
    ]);
  });

  it('a scheme with nothing after it is a bad scheme, even one the URL parser refuses outright', () => {
    answers('ftp:', false, [
      'refused "ftp:"',
      'bad-scheme error endpoint.badScheme.cause{"scheme":"ftp"} endpoint.badScheme.fix{"scheme":"ftp"}',
    ]);
  });

  it('extra slashes are only worth a warning when nothing worse is wrong with the path', () => {
    answers(`${P}/v1/`, true, [
      `refused "${P}/v1/" full`,
      `full-url-on-base-path error endpoint.fullUrlOnBase.cause endpoint.fullUrlOnBase.fix -> ${P}/v1/chat/completions full endpoint.fix.appendChat{"url":"${P}/v1/chat/completions"} -> ${P}/v1 endpoint.fix.turnFullUrlOff{"url":"${P}/v1"}`,
    ]);
    answers(`${P}/v1//models`, false, [
      `refused "${P}/v1//models"`,
      `models-path error endpoint.modelsPath.cause endpoint.modelsPath.fix -> ${P}/v1 endpoint.fix.useV1{"url":"${P}/v1"}`,
    ]);
  });

  it("the Codex CLI's surface starts at its first backend-api, with or without codex after it", () => {
    for (const path of ['/backend-api/x', '/backend-api/x/backend-api/codex'])
      answers(P + path, false, [
        `refused "${P}${path}"`,
        `codex-cli-surface error endpoint.codexCli.cause endpoint.codexCli.fix -> ${P}/v1 endpoint.fix.useV1{"url":"${P}/v1"}`,
      ]);
    answers(`${P}/p/backend-api/codex`, true, [
      `refused "${P}/p/backend-api/codex" full`,
      `codex-cli-surface error endpoint.codexCli.cause endpoint.codexCli.fix -> ${P}/p/v1/chat/completions full endpoint.fix.useV1{"url":"${P}/p/v1/chat/completions"}`,
    ]);
  });

  it('only "chat" followed by "completions" is the chat path that /v1 goes before', () => {
    for (const path of ['/chat/x', '/x/completions'])
      answers(P + path, false, [
        `refused "${P}${path}"`,
        `missing-v1 error endpoint.missingV1.cause endpoint.missingV1.fix -> ${P}${path}/v1 endpoint.fix.addV1{"url":"${P}${path}/v1"}`,
      ]);
  });

  it('"fix all" has nothing to do for a valid URL with Full URL on', () => {
    assert.equal(suggestCorrection(`${P}/v1/chat/completions`, true), undefined);
    assert.deepEqual(suggestCorrection(`${P}/v1/`, true), { url: `${P}/v1/chat/completions`, fullUrl: true });
  });
});
