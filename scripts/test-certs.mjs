// Test certificates made with openssl for the TLS tests: a test CA, a valid localhost certificate it
// signed, one for 127.0.0.2 (the pool behind the test proxy), and the broken kinds users meet
// (self-signed, expired, wrong host, unknown CA).
// `node scripts/test-certs.mjs [dir]` writes them (default .vscode-test/certs) and prints the folder.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const DEFAULT_CERT_DIR = path.join(root, '.vscode-test', 'certs');
const KINDS = ['trusted', 'selfsigned', 'expired', 'wronghost', 'untrusted', 'proxied'];
// Bumped when the set of certificates changes, so a cached folder is made again.
const DONE = 'done-3';

/** Makes (once) and returns { dir, ca, kinds: { trusted: { key, cert }, ... } } with PEM file paths. */
export function makeTestCerts(dir = DEFAULT_CERT_DIR) {
  const files = (name) => ({ key: path.join(dir, `${name}.key`), cert: path.join(dir, `${name}.pem`) });
  const result = { dir, ca: path.join(dir, 'ca.pem'), kinds: Object.fromEntries(KINDS.map((k) => [k, files(k)])) };
  if (existsSync(path.join(dir, DONE))) return result;

  rmSync(dir, { recursive: true, force: true });
  mkdirSync(path.join(dir, 'newcerts'), { recursive: true });
  const openssl = (...args) => execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  const key = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
  const caExt = ['-addext', 'basicConstraints=critical,CA:TRUE', '-addext', 'keyUsage=critical,keyCertSign,cRLSign'];
  const leafExt = (host) => {
    const file = path.join(dir, `${host}.ext`);
    // For an IP, also DNS:localhost: a proxy agent's TLS check of an IP address falls back to "localhost".
    const san = /^\d+\.\d+\.\d+\.\d+$/.test(host)
      ? `IP:${host},DNS:localhost`
      : `DNS:${host}${host === 'localhost' ? ',IP:127.0.0.1' : ''}`;
    writeFileSync(
      file,
      `basicConstraints=CA:FALSE\nkeyUsage=digitalSignature\nextendedKeyUsage=serverAuth\nsubjectAltName=${san}\n`,
    );
    return file;
  };

  // Two CAs: the one the tests trust, and one they do not.
  openssl(
    'req',
    '-x509',
    ...key,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '3650',
    '-subj',
    '/CN=Codex Pooler Test CA',
    ...caExt,
  );
  openssl(
    'req',
    '-x509',
    ...key,
    '-keyout',
    'other-ca.key',
    '-out',
    'other-ca.pem',
    '-days',
    '3650',
    '-subj',
    '/CN=Unknown Test CA',
    ...caExt,
  );
  const request = (name, host) =>
    openssl('req', ...key, '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', `/CN=${host}`);
  const sign = (name, host, ca) =>
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${ca}.pem`,
      '-CAkey',
      `${ca}.key`,
      '-CAcreateserial',
      '-out',
      `${name}.pem`,
      '-days',
      '825',
      '-extfile',
      leafExt(host),
    );

  request('trusted', 'localhost');
  sign('trusted', 'localhost', 'ca');
  // A pool on another loopback address, reached through the test proxy over TLS (CONNECT).
  request('proxied', '127.0.0.2');
  sign('proxied', '127.0.0.2', 'ca');
  request('wronghost', 'pool.example.com');
  sign('wronghost', 'pool.example.com', 'ca');
  request('untrusted', 'localhost');
  sign('untrusted', 'localhost', 'other-ca');
  openssl(
    'req',
    '-x509',
    ...key,
    '-keyout',
    'selfsigned.key',
    '-out',
    'selfsigned.pem',
    '-days',
    '825',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
  );

  // openssl 3.0's x509 cannot backdate: `openssl ca` with explicit dates makes the expired one.
  writeFileSync(path.join(dir, 'index.txt'), '');
  writeFileSync(path.join(dir, 'serial'), '1000\n');
  writeFileSync(
    path.join(dir, 'ca.cnf'),
    [
      '[ca]',
      'default_ca = test',
      '[test]',
      `dir = ${dir}`,
      'database = $dir/index.txt',
      'new_certs_dir = $dir/newcerts',
      'certificate = $dir/ca.pem',
      'private_key = $dir/ca.key',
      'serial = $dir/serial',
      'default_md = sha256',
      'policy = any',
      'unique_subject = no',
      '[any]',
      'commonName = supplied',
      '',
    ].join('\n'),
  );
  request('expired', 'localhost');
  openssl(
    'ca',
    '-batch',
    '-config',
    'ca.cnf',
    '-notext',
    '-startdate',
    '20200101000000Z',
    '-enddate',
    '20200201000000Z',
    '-in',
    'expired.csr',
    '-out',
    'expired.pem',
    '-extfile',
    leafExt('localhost'),
  );

  writeFileSync(path.join(dir, DONE), new Date().toISOString());
  return result;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(makeTestCerts(process.argv[2] ? path.resolve(process.argv[2]) : undefined).dir);
}
