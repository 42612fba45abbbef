// The origin policy, rule by rule (src/wizard/state/originPolicy.ts): where the Pool API key may go. The property
// over whole message sequences is in originPolicy.property.test.ts.
import * as assert from 'node:assert/strict';
import { analyzeEndpoint } from '../../src/core/url/endpoint';
import { OriginPolicy } from '../../src/wizard/state/originPolicy';
import { POOL_A, POOL_B } from './wizardFixtures';

const saved = { url: POOL_A, fullUrl: false, modelId: 'gpt-5.5' };
const at = (url: string, fullUrl = false) => analyzeEndpoint(url, fullUrl);
const B = at(POOL_B);

describe('the origin policy (where the key may go)', () => {
  it('rule 1: the saved pool may receive the key, at any path and with either Full URL setting; no other origin may', () => {
    const policy = new OriginPolicy(saved);
    assert.equal(policy.mayReceiveKey(at(POOL_A)), true);
    assert.equal(policy.mayReceiveKey(at(`${POOL_A}/chat/completions`, true)), true);
    assert.equal(policy.mayReceiveKey(B), false);
    assert.equal(
      policy.mayReceiveKey(at('https://pool-a.example.com:8443/v1')),
      false,
      'another port is another origin',
    );
    assert.equal(
      policy.mayReceiveKey(at('http://pool-a.example.com/v1')),
      false,
      'plain http is refused by the URL rules',
    );
    assert.equal(policy.mayReceiveKey(at('htp:/broken')), false);
  });

  it('the saved pool changes: the new one may receive the key, the old one no longer (unless the user chose it)', () => {
    const policy = new OriginPolicy(saved);
    policy.setSaved({ ...saved, url: POOL_B });
    assert.equal(policy.mayReceiveKey(B), true);
    assert.equal(policy.mayReceiveKey(at(POOL_A)), false);
  });

  it('rule 2: going on from step 1 chooses the pool, only when its free probe found a pool there', () => {
    const policy = new OriginPolicy(saved);
    assert.equal(policy.wentOn(B, false), false);
    assert.equal(policy.mayReceiveKey(B), false);
    assert.equal(policy.wentOn(at('htp:/broken'), true), false);
    assert.equal(policy.wentOn(B, true), true);
    assert.equal(policy.mayReceiveKey(B), true);
    assert.equal(policy.mayReceiveKey(at('https://pool-b.example.com/other/v1')), true, 'the origin, not the path');
    policy.setSaved({ ...saved, url: 'https://pool-c.example.com/v1' });
    assert.equal(policy.mayReceiveKey(B), true, 'a chosen pool stays chosen for this wizard');
  });

  it('rule 3: a setup link holds its pool (not even the free probe) until "Check this pool"; the key waits for going on', () => {
    const policy = new OriginPolicy(saved);
    policy.openLink('https://pool-b.example.com', 'pool-b.example.com');
    assert.equal(policy.holds(B), true);
    assert.equal(policy.mayProbe(B), false);
    assert.equal(policy.mayReceiveKey(B), false);
    assert.deepEqual(policy.linkFor(B), {
      origin: 'https://pool-b.example.com',
      host: 'pool-b.example.com',
      released: false,
    });
    assert.equal(policy.linkFor(at(POOL_A)), undefined, 'the draft points elsewhere now');
    // Going on while the link holds chooses nothing, and does not count once the pool is released.
    assert.equal(policy.wentOn(B, true), false);
    assert.equal(policy.releaseLink(), true);
    assert.equal(policy.releaseLink(), false, 'released once');
    assert.equal(policy.mayProbe(B), true);
    assert.equal(policy.mayReceiveKey(B), false, 'checking the pool is not choosing it');
    assert.equal(policy.wentOn(B, true), true);
    assert.equal(policy.mayReceiveKey(B), true);
  });

  it('a link to a pool the user already chose is not held; a forgotten link holds nothing', () => {
    const policy = new OriginPolicy(saved);
    policy.openLink('https://pool-a.example.com', 'pool-a.example.com');
    assert.equal(policy.holds(at(POOL_A)), false);
    assert.equal(policy.mayReceiveKey(at(POOL_A)), true);
    policy.openLink('https://pool-b.example.com', 'pool-b.example.com');
    policy.forgetLink();
    assert.equal(policy.holds(B), false);
    assert.equal(policy.mayProbe(B), true);
    assert.equal(policy.mayReceiveKey(B), false);
    assert.equal(policy.mayProbe(at('htp:/broken')), false);
  });

  it('a held link holds every URL of its origin, and the saved pool too when a link names it without it being chosen', () => {
    const policy = new OriginPolicy({ ...saved, url: POOL_B });
    policy.openLink('https://pool-a.example.com', 'pool-a.example.com');
    assert.equal(policy.holds(at(`${POOL_A}/chat/completions`, true)), true);
    assert.equal(policy.mayReceiveKey(at(POOL_A)), false);
  });

  it('remembers, for an unsaved draft, its link and its pool only when the user chose it; reads back only what it wrote', () => {
    const policy = new OriginPolicy(saved);
    const draftB = { ...saved, url: POOL_B };
    assert.deepEqual(policy.persisted(draftB), {});
    policy.wentOn(B, true);
    assert.deepEqual(policy.persisted(draftB), { chosen: 'https://pool-b.example.com' });
    policy.openLink('https://pool-c.example.com', 'pool-c.example.com');
    const kept = policy.persisted(draftB);
    const reopened = new OriginPolicy(saved, kept);
    assert.equal(reopened.mayReceiveKey(B), true);
    assert.equal(reopened.holds(at('https://pool-c.example.com/v1')), true);
    for (const chosen of [
      'https://pool-b.example.com/',
      'https://pool-b.example.com/v1',
      'http://pool-b.example.com',
      'HTTPS://POOL-B.EXAMPLE.COM',
      `https://${'b'.repeat(2100)}.example.com`,
      42,
      null,
    ]) {
      assert.equal(new OriginPolicy(saved, { chosen }).mayReceiveKey(B), false, `read back ${String(chosen)}`);
    }
    for (const link of [{ origin: 1, host: 'h', released: true }, { origin: 'o', host: 'h' }, 'x', null]) {
      assert.equal(new OriginPolicy(saved, { link }).linkFor(B), undefined);
    }
  });

  it('keeps at most 16 chosen pools: the oldest is forgotten, and choosing one again makes it the newest', () => {
    const policy = new OriginPolicy(saved);
    const pool = (i: number) => at(`https://pool-${i}.example.com/v1`);
    for (let i = 0; i < 16; i++) policy.wentOn(pool(i), true);
    policy.wentOn(pool(0), true);
    policy.wentOn(pool(16), true);
    assert.equal(policy.mayReceiveKey(pool(0)), true, 'chosen again, so kept');
    assert.equal(policy.mayReceiveKey(pool(1)), false, 'the oldest is forgotten');
    assert.equal(policy.mayReceiveKey(pool(16)), true);
    assert.equal(policy.mayReceiveKey(at(POOL_A)), true, 'the saved pool is not one of them');
  });
});

describe('the origin policy at its edges (npm run mutation, docs/mutation.md)', () => {
  it('a link to a pool the user chose (not the saved one) is not held either', () => {
    const policy = new OriginPolicy(saved);
    policy.wentOn(B, true);
    policy.openLink('https://pool-b.example.com', 'pool-b.example.com');
    assert.equal(policy.holds(B), false);
    assert.equal(policy.mayReceiveKey(B), true);
  });

  it('"Check this pool" with no link releases nothing', () => {
    const policy = new OriginPolicy(saved);
    assert.equal(policy.releaseLink(), false);
    assert.equal(policy.linkFor(B), undefined);
  });

  it('keeps all of the 16 newest chosen pools, not fewer', () => {
    const policy = new OriginPolicy(saved);
    const pool = (i: number) => at(`https://pool-${i}.example.com/v1`);
    for (let i = 0; i < 17; i++) policy.wentOn(pool(i), true);
    assert.equal(policy.mayReceiveKey(pool(0)), false);
    for (let i = 1; i < 17; i++) assert.equal(policy.mayReceiveKey(pool(i)), true, `pool ${i}`);
  });

  it('reads back a stored link only with a text host and sane lengths', () => {
    const origin = 'https://pool-b.example.com';
    const read = (link: unknown) => new OriginPolicy(saved, { link }).linkFor(B);
    assert.deepEqual(read({ origin, host: 'pool-b.example.com', released: true }), {
      origin,
      host: 'pool-b.example.com',
      released: true,
    });
    assert.equal(read({ origin, host: 5, released: true }), undefined, 'a host that is not text');
    assert.equal(read({ origin, host: 'h'.repeat(513), released: true }), undefined, 'a host over 512 characters');
    assert.ok(read({ origin, host: 'h'.repeat(512), released: true }), 'a host of 512 characters');
    // An origin over 2,048 characters never names a pool: refused before anything compares it.
    const long = `https://${'b'.repeat(2040)}.com`;
    const policy = new OriginPolicy(saved, { link: { origin: long, host: 'h', released: false } });
    assert.deepEqual(policy.persisted({ ...saved, url: POOL_B }), {});
    const edge = `https://${'b'.repeat(2036)}.com`;
    assert.equal(edge.length, 2048);
    const kept = new OriginPolicy(saved, { link: { origin: edge, host: 'h', released: false } });
    assert.deepEqual(kept.persisted({ ...saved, url: POOL_B }), { link: { origin: edge, host: 'h', released: false } });
  });
});

describe('the origin policy: what nothing approves (npm run mutation, docs/mutation.md)', () => {
  const broken = at('htp:/broken');

  it('a broken saved setting approves no broken URL, and a broken URL has no link', () => {
    const policy = new OriginPolicy({ ...saved, url: 'htp:/broken' });
    assert.equal(policy.mayReceiveKey(broken), false);
    policy.openLink('https://pool-b.example.com', 'pool-b.example.com');
    assert.equal(policy.linkFor(broken), undefined);
    assert.equal(policy.holds(broken), false);
  });

  it('a link held for a pool that is then saved still holds it: saving is not "Check this pool"', () => {
    const policy = new OriginPolicy({ ...saved, url: POOL_B });
    policy.openLink('https://pool-a.example.com', 'pool-a.example.com');
    policy.setSaved(saved);
    assert.equal(policy.mayReceiveKey(at(POOL_A)), false);
  });

  it('choosing one pool again and again never pushes out another', () => {
    const policy = new OriginPolicy(saved);
    policy.wentOn(at('https://pool-c.example.com/v1'), true);
    for (let i = 0; i < 20; i++) policy.wentOn(B, true);
    assert.equal(policy.mayReceiveKey(at('https://pool-c.example.com/v1')), true);
  });

  it('reads back no stored link with an origin that is not text, or without its released flag', () => {
    const draftB = { ...saved, url: POOL_B };
    const origin = 'https://pool-b.example.com';
    assert.deepEqual(new OriginPolicy(saved, { link: { origin: 1, host: 'h', released: true } }).persisted(draftB), {});
    const unflagged = new OriginPolicy(saved, { link: { origin, host: 'pool-b.example.com' } });
    assert.equal(unflagged.holds(B), false);
    assert.deepEqual(unflagged.persisted(draftB), {});
  });
});
