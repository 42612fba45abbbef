// The transport is built in the activation bundle and its errors are read in the check's own bundle
// (dist/checkEngine.js): each bundle holds its own copy of TransportError. A failure from another copy must still
// be read for what it is (refused, a TLS problem…), never as "other" (the host suite's fault matrix found this).
import * as assert from 'node:assert/strict';
import { TransportError } from '../../src/core/http/transport';
import { transportFailure } from '../../src/core/pool/poolResponse';

/** A second copy of the transport module, as another bundle holds it. */
function otherBundlesTransport(): typeof import('../../src/core/http/transport') {
  const file = require.resolve('../../src/core/http/transport');
  const cached = require.cache[file];
  delete require.cache[file];
  try {
    return require(file) as typeof import('../../src/core/http/transport');
  } finally {
    if (cached) require.cache[file] = cached;
  }
}

describe('transport errors across bundles', () => {
  it('an error from another copy of the class is a TransportError, and its reason is read', () => {
    const other = otherBundlesTransport();
    assert.notEqual(other.TransportError, TransportError, 'the test needs a second copy of the class');
    const error = new other.TransportError('refused', 'connect', 'ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:9');
    assert.ok(error instanceof TransportError);
    const failure = transportFailure(error, (text) => text);
    assert.deepEqual(
      { reason: failure.kind === 'transport' && failure.reason, code: 'code' in failure && failure.code },
      { reason: 'refused', code: 'ECONNREFUSED' },
    );
  });

  it('an ordinary error, or an object that only looks like one, is not a TransportError', () => {
    assert.equal(new Error('refused') instanceof TransportError, false);
    assert.equal({ name: 'TransportError', reason: 'refused', phase: 'connect' } instanceof TransportError, false);
    assert.equal(transportFailure(new Error('boom'), (text) => text).kind === 'transport', true);
    assert.equal((transportFailure(new Error('boom'), (text) => text) as { reason: string }).reason, 'other');
  });
});
