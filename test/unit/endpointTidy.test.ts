// The tidy form of a Pool URL: what the wizard saves and every check calls when the only findings are a
// trailing slash, quotes or spaces around it (the rules' own corrections); anything else stays as typed.
import * as assert from 'node:assert/strict';
import { tidyEndpointUrl } from '../../src/core/url/endpointTidy';
import { connectionOf } from '../../src/wizard/state/stateTypes';

const L = 'http://localhost:4000/v1';

describe('tidy Pool URL (trailing slash, quotes, spaces)', () => {
  it('a trailing slash, quotes and spaces around it are removed, and named', () => {
    assert.deepEqual(tidyEndpointUrl(`${L}/`, false), { url: L, removed: ['trailing-slash'] });
    assert.deepEqual(tidyEndpointUrl(` "${L}/" `, false), {
      url: L,
      removed: ['surrounding-whitespace', 'quoted', 'trailing-slash'],
    });
    assert.deepEqual(tidyEndpointUrl(`'${L}'`, false), { url: L, removed: ['quoted'] });
    assert.deepEqual(tidyEndpointUrl(`${L}/chat/completions/`, true), {
      url: `${L}/chat/completions`,
      removed: ['trailing-slash'],
    });
  });

  it('a clean URL, an error, or any other finding: nothing is tidied', () => {
    for (const [url, full] of [
      [L, false],
      [`${L}/`, true],
      ['http://localhost:4000//v1', false],
      ['http://localhost:4000//v1/', false],
      ['http://pool.example.com/v1/', false],
      [`${L},`, false],
      ['', false],
    ] as const)
      assert.equal(tidyEndpointUrl(url, full), undefined, `${url} ${full}`);
    assert.equal(tidyEndpointUrl(5, false), undefined);
  });

  it('the wizard checks and saves the tidy form (connectionOf)', () => {
    assert.equal(connectionOf({ url: `${L}/`, fullUrl: false, modelId: 'm' }).baseUrl, L);
    assert.equal(
      connectionOf({ url: 'http://localhost:4000//v1', fullUrl: false, modelId: 'm' }).baseUrl,
      'http://localhost:4000//v1',
    );
  });
});
