// The URL rules answer by answer (npm run mutation found these untested, docs/mutation.md): for each way a
// Custom Request URL goes wrong, every finding with its severity, its cause and fix (ids and arguments) and each
// certain correction, and for a valid one the whole endpoint; then the limits (2,048 characters, 80 shown).
import * as assert from 'node:assert/strict';
import { analyzeEndpoint, isDirectHost, isLoopbackHost, suggestCorrection } from '../../src/core/url/endpoint';
import { summary } from './endpointSummary';

// Each answer below was read and is what the rules promise (generated once from the code, then checked by hand).
const CASES: ReadonlyArray<readonly [unknown, boolean, readonly string[]]> = [
  [5, false, ['refused ""', 'not-text error endpoint.notText.cause endpoint.notText.fix']],
  [null, true, ['refused "" full', 'not-text error endpoint.notText.cause endpoint.notText.fix']],
  [
    '',
    false,
    [
      'refused ""',
      'empty error endpoint.empty.cause{"url":"http://localhost:4000/v1"} endpoint.empty.fix{"url":"http://localhost:4000/v1"}',
    ],
  ],
  [
    ' \t',
    false,
    [
      'refused ""',
      'empty error endpoint.empty.cause{"url":"http://localhost:4000/v1"} endpoint.empty.fix{"url":"http://localhost:4000/v1"}',
    ],
  ],
  [
    '""',
    false,
    [
      'refused ""',
      'empty error endpoint.empty.cause{"url":"http://localhost:4000/v1"} endpoint.empty.fix{"url":"http://localhost:4000/v1"}',
    ],
  ],
  [
    "'  '",
    false,
    [
      'refused ""',
      'empty error endpoint.empty.cause{"url":"http://localhost:4000/v1"} endpoint.empty.fix{"url":"http://localhost:4000/v1"}',
    ],
  ],
  [
    ' https://pool.example.com/v1 ',
    false,
    [
      'ok "https://pool.example.com/v1"',
      'surrounding-whitespace info endpoint.whitespace.cause endpoint.whitespace.fix -> https://pool.example.com/v1 endpoint.fix.trim{"url":"https://pool.example.com/v1"}',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/v1","fullUrl":false,"traeUrl":"https://pool.example.com/v1","traeCallUrl":"https://pool.example.com/v1/chat/completions","modelsUrl":"https://pool.example.com/v1/models","usageUrl":"https://pool.example.com/v1/usage"}',
    ],
  ],
  [
    '"https://pool.example.com/v1"',
    false,
    [
      'ok "https://pool.example.com/v1"',
      'quoted warning endpoint.quoted.cause endpoint.quoted.fix -> https://pool.example.com/v1 endpoint.fix.removeQuotes{"url":"https://pool.example.com/v1"}',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/v1","fullUrl":false,"traeUrl":"https://pool.example.com/v1","traeCallUrl":"https://pool.example.com/v1/chat/completions","modelsUrl":"https://pool.example.com/v1/models","usageUrl":"https://pool.example.com/v1/usage"}',
    ],
  ],
  [
    "'https://pool.example.com/v1'",
    true,
    [
      'refused "https://pool.example.com/v1" full',
      'quoted warning endpoint.quoted.cause endpoint.quoted.fix -> https://pool.example.com/v1 full endpoint.fix.removeQuotes{"url":"https://pool.example.com/v1"}',
      'full-url-on-base-path error endpoint.fullUrlOnBase.cause endpoint.fullUrlOnBase.fix -> https://pool.example.com/v1/chat/completions full endpoint.fix.appendChat{"url":"https://pool.example.com/v1/chat/completions"} -> https://pool.example.com/v1 endpoint.fix.turnFullUrlOff{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    '`https://pool.example.com/v1`',
    false,
    [
      'ok "https://pool.example.com/v1"',
      'quoted warning endpoint.quoted.cause endpoint.quoted.fix -> https://pool.example.com/v1 endpoint.fix.removeQuotes{"url":"https://pool.example.com/v1"}',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/v1","fullUrl":false,"traeUrl":"https://pool.example.com/v1","traeCallUrl":"https://pool.example.com/v1/chat/completions","modelsUrl":"https://pool.example.com/v1/models","usageUrl":"https://pool.example.com/v1/usage"}',
    ],
  ],
  [
    '“https://pool.example.com/v1”',
    false,
    [
      'ok "https://pool.example.com/v1"',
      'quoted warning endpoint.quoted.cause endpoint.quoted.fix -> https://pool.example.com/v1 endpoint.fix.removeQuotes{"url":"https://pool.example.com/v1"}',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/v1","fullUrl":false,"traeUrl":"https://pool.example.com/v1","traeCallUrl":"https://pool.example.com/v1/chat/completions","modelsUrl":"https://pool.example.com/v1/models","usageUrl":"https://pool.example.com/v1/usage"}',
    ],
  ],
  [
    '‘https://pool.example.com/v1’',
    false,
    [
      'ok "https://pool.example.com/v1"',
      'quoted warning endpoint.quoted.cause endpoint.quoted.fix -> https://pool.example.com/v1 endpoint.fix.removeQuotes{"url":"https://pool.example.com/v1"}',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/v1","fullUrl":false,"traeUrl":"https://pool.example.com/v1","traeCallUrl":"https://pool.example.com/v1/chat/completions","modelsUrl":"https://pool.example.com/v1/models","usageUrl":"https://pool.example.com/v1/usage"}',
    ],
  ],
  [
    '<https://pool.example.com/v1>',
    false,
    [
      'ok "https://pool.example.com/v1"',
      'quoted warning endpoint.quoted.cause endpoint.quoted.fix -> https://pool.example.com/v1 endpoint.fix.removeQuotes{"url":"https://pool.example.com/v1"}',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/v1","fullUrl":false,"traeUrl":"https://pool.example.com/v1","traeCallUrl":"https://pool.example.com/v1/chat/completions","modelsUrl":"https://pool.example.com/v1/models","usageUrl":"https://pool.example.com/v1/usage"}',
    ],
  ],
  [
    '"\'<https://pool.example.com/v1>\'"',
    false,
    [
      'ok "https://pool.example.com/v1"',
      'quoted warning endpoint.quoted.cause endpoint.quoted.fix -> https://pool.example.com/v1 endpoint.fix.removeQuotes{"url":"https://pool.example.com/v1"}',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/v1","fullUrl":false,"traeUrl":"https://pool.example.com/v1","traeCallUrl":"https://pool.example.com/v1/chat/completions","modelsUrl":"https://pool.example.com/v1/models","usageUrl":"https://pool.example.com/v1/usage"}',
    ],
  ],
  [
    '"\'`"https://pool.example.com/v1"`\'"',
    false,
    [
      'ok "https://pool.example.com/v1"',
      'quoted warning endpoint.quoted.cause endpoint.quoted.fix -> https://pool.example.com/v1 endpoint.fix.removeQuotes{"url":"https://pool.example.com/v1"}',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/v1","fullUrl":false,"traeUrl":"https://pool.example.com/v1","traeCallUrl":"https://pool.example.com/v1/chat/completions","modelsUrl":"https://pool.example.com/v1/models","usageUrl":"https://pool.example.com/v1/usage"}',
    ],
  ],
  [
    '"https://pool.example.com/v1',
    false,
    [
      'ok "https://pool.example.com/v1"',
      'quoted warning endpoint.quoted.cause endpoint.quoted.fix -> https://pool.example.com/v1 endpoint.fix.removeQuotes{"url":"https://pool.example.com/v1"}',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/v1","fullUrl":false,"traeUrl":"https://pool.example.com/v1","traeCallUrl":"https://pool.example.com/v1/chat/completions","modelsUrl":"https://pool.example.com/v1/models","usageUrl":"https://pool.example.com/v1/usage"}',
    ],
  ],
  [
    'https://pool.example.com/v1"',
    false,
    [
      'ok "https://pool.example.com/v1"',
      'quoted warning endpoint.quoted.cause endpoint.quoted.fix -> https://pool.example.com/v1 endpoint.fix.removeQuotes{"url":"https://pool.example.com/v1"}',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/v1","fullUrl":false,"traeUrl":"https://pool.example.com/v1","traeCallUrl":"https://pool.example.com/v1/chat/completions","modelsUrl":"https://pool.example.com/v1/models","usageUrl":"https://pool.example.com/v1/usage"}',
    ],
  ],
  [
    '”https://pool.example.com/v1',
    false,
    [
      'refused "”https://pool.example.com/v1"',
      'not-a-url error endpoint.notUrl.cause{"value":"”https://pool.example.com/v1","url":"http://localhost:4000/v1"} endpoint.notUrl.fix{"value":"”https://pool.example.com/v1","url":"http://localhost:4000/v1"}',
    ],
  ],
  [
    'https://pool.example.com/v1“',
    false,
    [
      'refused "https://pool.example.com/v1“"',
      'path-characters error endpoint.pathCharacters.cause{"chars":"\\"“\\""} endpoint.pathCharacters.fix{"chars":"\\"“\\""}',
    ],
  ],
  [
    '"x',
    false,
    [
      'refused "\\"x"',
      'not-a-url error endpoint.notUrl.cause{"value":"\\"x","url":"http://localhost:4000/v1"} endpoint.notUrl.fix{"value":"\\"x","url":"http://localhost:4000/v1"}',
    ],
  ],
  [
    '<https://pool.example.com/v1',
    false,
    [
      'refused "<https://pool.example.com/v1"',
      'not-a-url error endpoint.notUrl.cause{"value":"<https://pool.example.com/v1","url":"http://localhost:4000/v1"} endpoint.notUrl.fix{"value":"<https://pool.example.com/v1","url":"http://localhost:4000/v1"}',
    ],
  ],
  [
    '"HTTPS://pool.example.com/v1',
    false,
    [
      'ok "HTTPS://pool.example.com/v1"',
      'quoted warning endpoint.quoted.cause endpoint.quoted.fix -> HTTPS://pool.example.com/v1 endpoint.fix.removeQuotes{"url":"HTTPS://pool.example.com/v1"}',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/v1","fullUrl":false,"traeUrl":"https://pool.example.com/v1","traeCallUrl":"https://pool.example.com/v1/chat/completions","modelsUrl":"https://pool.example.com/v1/models","usageUrl":"https://pool.example.com/v1/usage"}',
    ],
  ],
  [
    'https://pool.example.com /v1',
    false,
    [
      'refused "https://pool.example.com /v1"',
      'inner-whitespace error endpoint.innerWhitespace.cause endpoint.innerWhitespace.fix -> https://pool.example.com/v1 endpoint.fix.removeSpaces{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://pool.example.com/v1​/x',
    false,
    [
      'refused "https://pool.example.com/v1​/x"',
      'inner-whitespace error endpoint.innerWhitespace.cause endpoint.innerWhitespace.fix',
    ],
  ],
  [
    'ftp://a b',
    false,
    ['refused "ftp://a b"', 'inner-whitespace error endpoint.innerWhitespace.cause endpoint.innerWhitespace.fix'],
  ],
  [
    'https://pool.example.com/v 1/chat/completions',
    true,
    [
      'refused "https://pool.example.com/v 1/chat/completions" full',
      'inner-whitespace error endpoint.innerWhitespace.cause endpoint.innerWhitespace.fix -> https://pool.example.com/v1/chat/completions full endpoint.fix.removeSpaces{"url":"https://pool.example.com/v1/chat/completions"}',
    ],
  ],
  [
    'pool.example.com/v1',
    false,
    [
      'refused "pool.example.com/v1"',
      'missing-scheme error endpoint.missingScheme.cause{"scheme":"https"} endpoint.missingScheme.fix{"scheme":"https"} -> https://pool.example.com/v1 endpoint.fix.addScheme{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'pool.example.com/v1',
    true,
    [
      'refused "pool.example.com/v1" full',
      'missing-scheme error endpoint.missingScheme.cause{"scheme":"https"} endpoint.missingScheme.fix{"scheme":"https"} -> https://pool.example.com/v1 full endpoint.fix.addScheme{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'localhost:4000/v1',
    false,
    [
      'refused "localhost:4000/v1"',
      'missing-scheme error endpoint.missingScheme.cause{"scheme":"http"} endpoint.missingScheme.fix{"scheme":"http"} -> http://localhost:4000/v1 endpoint.fix.addScheme{"url":"http://localhost:4000/v1"}',
    ],
  ],
  [
    'mypool/v1',
    false,
    [
      'refused "mypool/v1"',
      'missing-scheme error endpoint.missingScheme.cause{"scheme":"https"} endpoint.missingScheme.fix{"scheme":"https"}',
    ],
  ],
  [
    '[::1]:4000/v1',
    false,
    [
      'refused "[::1]:4000/v1"',
      'missing-scheme error endpoint.missingScheme.cause{"scheme":"http"} endpoint.missingScheme.fix{"scheme":"http"} -> http://[::1]:4000/v1 endpoint.fix.addScheme{"url":"http://[::1]:4000/v1"}',
    ],
  ],
  [
    '//pool.example.com/v1',
    false,
    [
      'refused "//pool.example.com/v1"',
      'missing-scheme error endpoint.missingScheme.cause{"scheme":"https"} endpoint.missingScheme.fix{"scheme":"https"} -> https://pool.example.com/v1 endpoint.fix.addScheme{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    '127.0.0.1:4000',
    false,
    [
      'refused "127.0.0.1:4000"',
      'missing-scheme error endpoint.missingScheme.cause{"scheme":"http"} endpoint.missingScheme.fix{"scheme":"http"} -> http://127.0.0.1:4000 endpoint.fix.addScheme{"url":"http://127.0.0.1:4000"}',
    ],
  ],
  [
    'Pool.Example.com',
    false,
    [
      'refused "Pool.Example.com"',
      'missing-scheme error endpoint.missingScheme.cause{"scheme":"https"} endpoint.missingScheme.fix{"scheme":"https"} -> https://Pool.Example.com endpoint.fix.addScheme{"url":"https://Pool.Example.com"}',
    ],
  ],
  [
    'https:/pool.example.com/v1',
    false,
    [
      'refused "https:/pool.example.com/v1"',
      'malformed-scheme error endpoint.malformedScheme.cause{"scheme":"https"} endpoint.malformedScheme.fix{"scheme":"https"} -> https://pool.example.com/v1 endpoint.fix.repairScheme{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https:pool.example.com/v1',
    false,
    [
      'refused "https:pool.example.com/v1"',
      'malformed-scheme error endpoint.malformedScheme.cause{"scheme":"https"} endpoint.malformedScheme.fix{"scheme":"https"} -> https://pool.example.com/v1 endpoint.fix.repairScheme{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'http:\\\\localhost:4000/v1',
    false,
    [
      'refused "http:\\\\\\\\localhost:4000/v1"',
      'malformed-scheme error endpoint.malformedScheme.cause{"scheme":"http"} endpoint.malformedScheme.fix{"scheme":"http"} -> http://localhost:4000/v1 endpoint.fix.repairScheme{"url":"http://localhost:4000/v1"}',
    ],
  ],
  [
    'http:',
    false,
    [
      'refused "http:"',
      'malformed-scheme error endpoint.malformedScheme.cause{"scheme":"http"} endpoint.malformedScheme.fix{"scheme":"http"}',
    ],
  ],
  [
    'https://',
    false,
    [
      'refused "https://"',
      'malformed-scheme error endpoint.malformedScheme.cause{"scheme":"https"} endpoint.malformedScheme.fix{"scheme":"https"}',
    ],
  ],
  [
    'HTTPS:/x',
    false,
    [
      'refused "HTTPS:/x"',
      'malformed-scheme error endpoint.malformedScheme.cause{"scheme":"https"} endpoint.malformedScheme.fix{"scheme":"https"}',
    ],
  ],
  [
    'https:///v1',
    false,
    [
      'refused "https:///v1"',
      'malformed-scheme error endpoint.malformedScheme.cause{"scheme":"https"} endpoint.malformedScheme.fix{"scheme":"https"}',
    ],
  ],
  [
    'https://http://pool.example.com/v1',
    false,
    [
      'refused "https://http://pool.example.com/v1"',
      'doubled-scheme error endpoint.doubledScheme.cause endpoint.doubledScheme.fix',
    ],
  ],
  [
    'https://ftp://x',
    false,
    ['refused "https://ftp://x"', 'doubled-scheme error endpoint.doubledScheme.cause endpoint.doubledScheme.fix'],
  ],
  [
    'ftp://https://pool.example.com/v1',
    true,
    [
      'refused "ftp://https://pool.example.com/v1" full',
      'doubled-scheme error endpoint.doubledScheme.cause endpoint.doubledScheme.fix',
    ],
  ],
  [
    'http://localhost:4000/https://x',
    false,
    [
      'refused "http://localhost:4000/https://x"',
      'doubled-scheme error endpoint.doubledScheme.cause endpoint.doubledScheme.fix',
    ],
  ],
  [
    'ftp://pool.example.com/v1',
    false,
    [
      'refused "ftp://pool.example.com/v1"',
      'bad-scheme error endpoint.badScheme.cause{"scheme":"ftp"} endpoint.badScheme.fix{"scheme":"ftp"}',
    ],
  ],
  [
    'mailto:x',
    false,
    [
      'refused "mailto:x"',
      'bad-scheme error endpoint.badScheme.cause{"scheme":"mailto"} endpoint.badScheme.fix{"scheme":"mailto"}',
    ],
  ],
  [
    'file:///x',
    false,
    [
      'refused "file:///x"',
      'bad-scheme error endpoint.badScheme.cause{"scheme":"file"} endpoint.badScheme.fix{"scheme":"file"}',
    ],
  ],
  [
    'javascript:alert(1)',
    false,
    [
      'refused "javascript:alert(1)"',
      'bad-scheme error endpoint.badScheme.cause{"scheme":"javascript"} endpoint.badScheme.fix{"scheme":"javascript"}',
    ],
  ],
  [
    'http://[::1',
    false,
    [
      'refused "http://[::1"',
      'not-a-url error endpoint.notUrl.cause{"value":"http://[::1","url":"http://localhost:4000/v1"} endpoint.notUrl.fix{"value":"http://[::1","url":"http://localhost:4000/v1"}',
    ],
  ],
  [
    'https://:80/v1',
    false,
    [
      'refused "https://:80/v1"',
      'not-a-url error endpoint.notUrl.cause{"value":"https://:80/v1","url":"http://localhost:4000/v1"} endpoint.notUrl.fix{"value":"https://:80/v1","url":"http://localhost:4000/v1"}',
    ],
  ],
  [
    'a:b://c',
    false,
    [
      'refused "a:b://c"',
      'bad-scheme error endpoint.badScheme.cause{"scheme":"a"} endpoint.badScheme.fix{"scheme":"a"}',
    ],
  ],
  [
    'https://user:pw@pool.example.com/v1',
    false,
    [
      'refused "https://user:pw@pool.example.com/v1"',
      'credentials error endpoint.credentials.cause endpoint.credentials.fix -> https://pool.example.com/v1 endpoint.fix.removeCredentials{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://user@pool.example.com/v1',
    true,
    [
      'refused "https://user@pool.example.com/v1" full',
      'credentials error endpoint.credentials.cause endpoint.credentials.fix -> https://pool.example.com/v1 full endpoint.fix.removeCredentials{"url":"https://pool.example.com/v1"}',
      'full-url-on-base-path error endpoint.fullUrlOnBase.cause endpoint.fullUrlOnBase.fix -> https://pool.example.com/v1/chat/completions full endpoint.fix.appendChat{"url":"https://pool.example.com/v1/chat/completions"} -> https://pool.example.com/v1 endpoint.fix.turnFullUrlOff{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://pool.example.com/v1?x=1',
    false,
    [
      'refused "https://pool.example.com/v1?x=1"',
      'query-or-fragment error endpoint.query.cause endpoint.query.fix -> https://pool.example.com/v1 endpoint.fix.removeQuery{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://pool.example.com/v1#f',
    false,
    [
      'refused "https://pool.example.com/v1#f"',
      'query-or-fragment error endpoint.query.cause endpoint.query.fix -> https://pool.example.com/v1 endpoint.fix.removeQuery{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://pool.example.com/v1?',
    false,
    [
      'refused "https://pool.example.com/v1?"',
      'query-or-fragment error endpoint.query.cause endpoint.query.fix -> https://pool.example.com/v1 endpoint.fix.removeQuery{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://pool.example.com/v1#',
    true,
    [
      'refused "https://pool.example.com/v1#" full',
      'query-or-fragment error endpoint.query.cause endpoint.query.fix -> https://pool.example.com/v1 full endpoint.fix.removeQuery{"url":"https://pool.example.com/v1"}',
      'full-url-on-base-path error endpoint.fullUrlOnBase.cause endpoint.fullUrlOnBase.fix -> https://pool.example.com/v1/chat/completions full endpoint.fix.appendChat{"url":"https://pool.example.com/v1/chat/completions"} -> https://pool.example.com/v1 endpoint.fix.turnFullUrlOff{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'http://0.0.0.0:4000/v1',
    false,
    [
      'refused "http://0.0.0.0:4000/v1"',
      'unspecified-host error endpoint.unspecifiedHost.cause{"host":"0.0.0.0"} endpoint.unspecifiedHost.fix{"host":"0.0.0.0"} -> http://localhost:4000/v1 endpoint.fix.useLocalhost{"url":"http://localhost:4000/v1"}',
    ],
  ],
  [
    'http://[::]:4000/v1',
    true,
    [
      'refused "http://[::]:4000/v1" full',
      'unspecified-host error endpoint.unspecifiedHost.cause{"host":"[::]"} endpoint.unspecifiedHost.fix{"host":"[::]"} -> http://localhost:4000/v1 full endpoint.fix.useLocalhost{"url":"http://localhost:4000/v1"}',
      'full-url-on-base-path error endpoint.fullUrlOnBase.cause endpoint.fullUrlOnBase.fix -> http://[::]:4000/v1/chat/completions full endpoint.fix.appendChat{"url":"http://[::]:4000/v1/chat/completions"} -> http://[::]:4000/v1 endpoint.fix.turnFullUrlOff{"url":"http://[::]:4000/v1"}',
    ],
  ],
  [
    'https://0.0.0.0/v1',
    false,
    [
      'refused "https://0.0.0.0/v1"',
      'unspecified-host error endpoint.unspecifiedHost.cause{"host":"0.0.0.0"} endpoint.unspecifiedHost.fix{"host":"0.0.0.0"} -> https://localhost/v1 endpoint.fix.useLocalhost{"url":"https://localhost/v1"}',
    ],
  ],
  [
    'http://127.0.0.2:4000/v1',
    false,
    [
      'refused "http://127.0.0.2:4000/v1"',
      'loopback-alias error endpoint.loopbackAlias.cause{"host":"127.0.0.2"} endpoint.loopbackAlias.fix{"host":"127.0.0.2"} -> http://localhost:4000/v1 endpoint.fix.useLocalhost{"url":"http://localhost:4000/v1"}',
    ],
  ],
  [
    'http://foo.localhost/v1',
    false,
    [
      'refused "http://foo.localhost/v1"',
      'loopback-alias error endpoint.loopbackAlias.cause{"host":"foo.localhost"} endpoint.loopbackAlias.fix{"host":"foo.localhost"} -> http://localhost/v1 endpoint.fix.useLocalhost{"url":"http://localhost/v1"}',
    ],
  ],
  [
    'http://localhost./v1',
    false,
    [
      'refused "http://localhost./v1"',
      'loopback-alias error endpoint.loopbackAlias.cause{"host":"localhost."} endpoint.loopbackAlias.fix{"host":"localhost."} -> http://localhost/v1 endpoint.fix.useLocalhost{"url":"http://localhost/v1"}',
    ],
  ],
  [
    'http://[::ffff:127.0.0.1]/v1',
    false,
    [
      'refused "http://[::ffff:127.0.0.1]/v1"',
      'loopback-alias error endpoint.loopbackAlias.cause{"host":"[::ffff:7f00:1]"} endpoint.loopbackAlias.fix{"host":"[::ffff:7f00:1]"} -> http://localhost/v1 endpoint.fix.useLocalhost{"url":"http://localhost/v1"}',
    ],
  ],
  [
    'http://pool.example.com/v1',
    false,
    [
      'refused "http://pool.example.com/v1"',
      'insecure-http error endpoint.insecureHttp.cause{"host":"pool.example.com"} endpoint.insecureHttp.fix{"host":"pool.example.com"} -> https://pool.example.com/v1 endpoint.fix.useHttps{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'http://pool.example.com:8080/v1',
    true,
    [
      'refused "http://pool.example.com:8080/v1" full',
      'insecure-http error endpoint.insecureHttp.cause{"host":"pool.example.com"} endpoint.insecureHttp.fix{"host":"pool.example.com"}',
      'full-url-on-base-path error endpoint.fullUrlOnBase.cause endpoint.fullUrlOnBase.fix -> http://pool.example.com:8080/v1/chat/completions full endpoint.fix.appendChat{"url":"http://pool.example.com:8080/v1/chat/completions"} -> http://pool.example.com:8080/v1 endpoint.fix.turnFullUrlOff{"url":"http://pool.example.com:8080/v1"}',
    ],
  ],
  [
    'http://localhost:4000/v1',
    false,
    [
      'ok "http://localhost:4000/v1"',
      '{"origin":"http://localhost:4000","host":"localhost:4000","loopback":true,"apiBase":"http://localhost:4000/v1","fullUrl":false,"traeUrl":"http://localhost:4000/v1","traeCallUrl":"http://localhost:4000/v1/chat/completions","modelsUrl":"http://localhost:4000/v1/models","usageUrl":"http://localhost:4000/v1/usage"}',
    ],
  ],
  [
    'http://127.0.0.1/v1',
    true,
    [
      'refused "http://127.0.0.1/v1" full',
      'full-url-on-base-path error endpoint.fullUrlOnBase.cause endpoint.fullUrlOnBase.fix -> http://127.0.0.1/v1/chat/completions full endpoint.fix.appendChat{"url":"http://127.0.0.1/v1/chat/completions"} -> http://127.0.0.1/v1 endpoint.fix.turnFullUrlOff{"url":"http://127.0.0.1/v1"}',
    ],
  ],
  [
    'http://[::1]:4000/v1',
    false,
    [
      'ok "http://[::1]:4000/v1"',
      '{"origin":"http://[::1]:4000","host":"[::1]:4000","loopback":true,"apiBase":"http://[::1]:4000/v1","fullUrl":false,"traeUrl":"http://[::1]:4000/v1","traeCallUrl":"http://[::1]:4000/v1/chat/completions","modelsUrl":"http://[::1]:4000/v1/models","usageUrl":"http://[::1]:4000/v1/usage"}',
    ],
  ],
  [
    'http://LOCALHOST/v1',
    false,
    [
      'ok "http://LOCALHOST/v1"',
      '{"origin":"http://localhost","host":"localhost","loopback":true,"apiBase":"http://localhost/v1","fullUrl":false,"traeUrl":"http://localhost/v1","traeCallUrl":"http://localhost/v1/chat/completions","modelsUrl":"http://localhost/v1/models","usageUrl":"http://localhost/v1/usage"}',
    ],
  ],
  [
    'HTTPS://POOL.EXAMPLE.COM/v1',
    false,
    [
      'ok "HTTPS://POOL.EXAMPLE.COM/v1"',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/v1","fullUrl":false,"traeUrl":"https://pool.example.com/v1","traeCallUrl":"https://pool.example.com/v1/chat/completions","modelsUrl":"https://pool.example.com/v1/models","usageUrl":"https://pool.example.com/v1/usage"}',
    ],
  ],
  [
    'https://pool.example.com:8443/v1',
    false,
    [
      'ok "https://pool.example.com:8443/v1"',
      '{"origin":"https://pool.example.com:8443","host":"pool.example.com:8443","loopback":false,"apiBase":"https://pool.example.com:8443/v1","fullUrl":false,"traeUrl":"https://pool.example.com:8443/v1","traeCallUrl":"https://pool.example.com:8443/v1/chat/completions","modelsUrl":"https://pool.example.com:8443/v1/models","usageUrl":"https://pool.example.com:8443/v1/usage"}',
    ],
  ],
  [
    'https://pool.example.com',
    false,
    [
      'refused "https://pool.example.com"',
      'missing-v1 error endpoint.missingV1Root.cause endpoint.missingV1.fix -> https://pool.example.com/v1 endpoint.fix.addV1{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://pool.example.com/',
    false,
    [
      'refused "https://pool.example.com/"',
      'missing-v1 error endpoint.missingV1Root.cause endpoint.missingV1.fix -> https://pool.example.com/v1 endpoint.fix.addV1{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://pool.example.com/api',
    true,
    [
      'refused "https://pool.example.com/api" full',
      'missing-v1 error endpoint.missingV1.cause endpoint.missingV1.fix -> https://pool.example.com/api/v1/chat/completions full endpoint.fix.addV1{"url":"https://pool.example.com/api/v1/chat/completions"}',
    ],
  ],
  [
    'https://pool.example.com/chat/completions',
    false,
    [
      'refused "https://pool.example.com/chat/completions"',
      'missing-v1 error endpoint.missingV1.cause endpoint.missingV1.fix -> https://pool.example.com/v1 endpoint.fix.addV1{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://pool.example.com/api/chat/completions',
    true,
    [
      'refused "https://pool.example.com/api/chat/completions" full',
      'missing-v1 error endpoint.missingV1.cause endpoint.missingV1.fix -> https://pool.example.com/api/v1/chat/completions full endpoint.fix.addV1{"url":"https://pool.example.com/api/v1/chat/completions"}',
    ],
  ],
  [
    'https://pool.example.com/admin',
    false,
    [
      'refused "https://pool.example.com/admin"',
      'admin-ui error endpoint.adminUi.cause endpoint.adminUi.fix -> https://pool.example.com/v1 endpoint.fix.useV1{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://pool.example.com/Login/x',
    false,
    [
      'refused "https://pool.example.com/Login/x"',
      'admin-ui error endpoint.adminUi.cause endpoint.adminUi.fix -> https://pool.example.com/v1 endpoint.fix.useV1{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://pool.example.com/logout',
    false,
    [
      'refused "https://pool.example.com/logout"',
      'admin-ui error endpoint.adminUi.cause endpoint.adminUi.fix -> https://pool.example.com/v1 endpoint.fix.useV1{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://pool.example.com/observatory',
    false,
    [
      'refused "https://pool.example.com/observatory"',
      'admin-ui error endpoint.adminUi.cause endpoint.adminUi.fix -> https://pool.example.com/v1 endpoint.fix.useV1{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://pool.example.com/dashboard',
    false,
    [
      'refused "https://pool.example.com/dashboard"',
      'admin-ui error endpoint.adminUi.cause endpoint.adminUi.fix -> https://pool.example.com/v1 endpoint.fix.useV1{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://pool.example.com/x/admin',
    false,
    [
      'refused "https://pool.example.com/x/admin"',
      'missing-v1 error endpoint.missingV1.cause endpoint.missingV1.fix -> https://pool.example.com/x/admin/v1 endpoint.fix.addV1{"url":"https://pool.example.com/x/admin/v1"}',
    ],
  ],
  [
    'https://pool.example.com/mcp',
    false,
    [
      'refused "https://pool.example.com/mcp"',
      'mcp-surface error endpoint.mcp.cause endpoint.mcp.fix -> https://pool.example.com/v1 endpoint.fix.useV1{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://pool.example.com/x/mcp/y',
    true,
    [
      'refused "https://pool.example.com/x/mcp/y" full',
      'mcp-surface error endpoint.mcp.cause endpoint.mcp.fix -> https://pool.example.com/x/v1/chat/completions full endpoint.fix.useV1{"url":"https://pool.example.com/x/v1/chat/completions"}',
    ],
  ],
  [
    'https://pool.example.com/v1/mcp',
    false,
    [
      'refused "https://pool.example.com/v1/mcp"',
      'unexpected-path error endpoint.unexpectedPath.cause{"path":"/mcp"} endpoint.unexpectedPath.fix{"path":"/mcp"} -> https://pool.example.com/v1 endpoint.fix.useV1{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://pool.example.com/backend-api/codex',
    false,
    [
      'refused "https://pool.example.com/backend-api/codex"',
      'codex-cli-surface error endpoint.codexCli.cause endpoint.codexCli.fix -> https://pool.example.com/v1 endpoint.fix.useV1{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://pool.example.com/backend-api',
    false,
    [
      'refused "https://pool.example.com/backend-api"',
      'codex-cli-surface error endpoint.codexCli.cause endpoint.codexCli.fix -> https://pool.example.com/v1 endpoint.fix.useV1{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://pool.example.com/x/backend-api/codex/y',
    true,
    [
      'refused "https://pool.example.com/x/backend-api/codex/y" full',
      'codex-cli-surface error endpoint.codexCli.cause endpoint.codexCli.fix -> https://pool.example.com/x/v1/chat/completions full endpoint.fix.useV1{"url":"https://pool.example.com/x/v1/chat/completions"}',
    ],
  ],
  [
    'https://pool.example.com/codex/backend-api',
    false,
    [
      'refused "https://pool.example.com/codex/backend-api"',
      'codex-cli-surface error endpoint.codexCli.cause endpoint.codexCli.fix -> https://pool.example.com/codex/v1 endpoint.fix.useV1{"url":"https://pool.example.com/codex/v1"}',
    ],
  ],
  [
    'https://pool.example.com/v1/v1',
    false,
    [
      'refused "https://pool.example.com/v1/v1"',
      'double-v1 error endpoint.doubleV1.cause endpoint.doubleV1.fix -> https://pool.example.com/v1 endpoint.fix.singleV1{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://pool.example.com/p/v1/v1/v1/chat/completions',
    true,
    [
      'refused "https://pool.example.com/p/v1/v1/v1/chat/completions" full',
      'double-v1 error endpoint.doubleV1.cause endpoint.doubleV1.fix -> https://pool.example.com/p/v1/chat/completions full endpoint.fix.singleV1{"url":"https://pool.example.com/p/v1/chat/completions"}',
    ],
  ],
  [
    'https://pool.example.com/V1',
    false,
    [
      'refused "https://pool.example.com/V1"',
      'path-case error endpoint.pathCase.cause endpoint.pathCase.fix -> https://pool.example.com/v1 endpoint.fix.lowercasePath{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://pool.example.com/v1/Chat/completions',
    true,
    [
      'refused "https://pool.example.com/v1/Chat/completions" full',
      'path-case error endpoint.pathCase.cause endpoint.pathCase.fix -> https://pool.example.com/v1/chat/completions full endpoint.fix.lowercasePath{"url":"https://pool.example.com/v1/chat/completions"}',
    ],
  ],
  [
    'https://pool.example.com/v1/chat/COMPLETIONS',
    false,
    [
      'refused "https://pool.example.com/v1/chat/COMPLETIONS"',
      'path-case error endpoint.pathCase.cause endpoint.pathCase.fix -> https://pool.example.com/v1 endpoint.fix.lowercasePath{"url":"https://pool.example.com/v1"}',
      'full-url-off-chat-path error endpoint.fullUrlOffChat.cause endpoint.fullUrlOffChat.fix -> https://pool.example.com/v1 endpoint.fix.removeChat{"url":"https://pool.example.com/v1"} -> https://pool.example.com/v1/chat/completions full endpoint.fix.turnFullUrlOn{"url":"https://pool.example.com/v1/chat/completions"}',
    ],
  ],
  [
    'https://pool.example.com/P/v1',
    false,
    [
      'ok "https://pool.example.com/P/v1"',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/P/v1","fullUrl":false,"traeUrl":"https://pool.example.com/P/v1","traeCallUrl":"https://pool.example.com/P/v1/chat/completions","modelsUrl":"https://pool.example.com/P/v1/models","usageUrl":"https://pool.example.com/P/v1/usage"}',
    ],
  ],
  [
    'https://pool.example.com/v1/chat/completions',
    false,
    [
      'refused "https://pool.example.com/v1/chat/completions"',
      'full-url-off-chat-path error endpoint.fullUrlOffChat.cause endpoint.fullUrlOffChat.fix -> https://pool.example.com/v1 endpoint.fix.removeChat{"url":"https://pool.example.com/v1"} -> https://pool.example.com/v1/chat/completions full endpoint.fix.turnFullUrlOn{"url":"https://pool.example.com/v1/chat/completions"}',
    ],
  ],
  [
    'https://pool.example.com/v1/chat/completions',
    true,
    [
      'ok "https://pool.example.com/v1/chat/completions" full',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/v1","fullUrl":true,"traeUrl":"https://pool.example.com/v1/chat/completions","traeCallUrl":"https://pool.example.com/v1/chat/completions","modelsUrl":"https://pool.example.com/v1/models","usageUrl":"https://pool.example.com/v1/usage"}',
    ],
  ],
  [
    'https://pool.example.com/v1',
    true,
    [
      'refused "https://pool.example.com/v1" full',
      'full-url-on-base-path error endpoint.fullUrlOnBase.cause endpoint.fullUrlOnBase.fix -> https://pool.example.com/v1/chat/completions full endpoint.fix.appendChat{"url":"https://pool.example.com/v1/chat/completions"} -> https://pool.example.com/v1 endpoint.fix.turnFullUrlOff{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://pool.example.com/v1',
    false,
    [
      'ok "https://pool.example.com/v1"',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/v1","fullUrl":false,"traeUrl":"https://pool.example.com/v1","traeCallUrl":"https://pool.example.com/v1/chat/completions","modelsUrl":"https://pool.example.com/v1/models","usageUrl":"https://pool.example.com/v1/usage"}',
    ],
  ],
  [
    'https://pool.example.com/v1/responses',
    false,
    [
      'refused "https://pool.example.com/v1/responses"',
      'responses-surface error endpoint.responses.cause endpoint.responses.fix -> https://pool.example.com/v1 endpoint.fix.useV1{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://pool.example.com/v1/responses/x',
    true,
    [
      'refused "https://pool.example.com/v1/responses/x" full',
      'responses-surface error endpoint.responses.cause endpoint.responses.fix -> https://pool.example.com/v1/chat/completions full endpoint.fix.useV1{"url":"https://pool.example.com/v1/chat/completions"}',
    ],
  ],
  [
    'https://pool.example.com/v1/realtime',
    false,
    [
      'refused "https://pool.example.com/v1/realtime"',
      'realtime-surface error endpoint.realtime.cause endpoint.realtime.fix -> https://pool.example.com/v1 endpoint.fix.useV1{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://pool.example.com/v1/models',
    true,
    [
      'refused "https://pool.example.com/v1/models" full',
      'models-path error endpoint.modelsPath.cause endpoint.modelsPath.fix -> https://pool.example.com/v1/chat/completions full endpoint.fix.useV1{"url":"https://pool.example.com/v1/chat/completions"}',
    ],
  ],
  [
    'https://pool.example.com/v1/foo/bar',
    false,
    [
      'refused "https://pool.example.com/v1/foo/bar"',
      'unexpected-path error endpoint.unexpectedPath.cause{"path":"/foo/bar"} endpoint.unexpectedPath.fix{"path":"/foo/bar"} -> https://pool.example.com/v1 endpoint.fix.useV1{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://pool.example.com/v1/chat',
    false,
    [
      'refused "https://pool.example.com/v1/chat"',
      'unexpected-path error endpoint.unexpectedPath.cause{"path":"/chat"} endpoint.unexpectedPath.fix{"path":"/chat"} -> https://pool.example.com/v1 endpoint.fix.useV1{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://pool.example.com/v1//',
    false,
    [
      'ok "https://pool.example.com/v1//"',
      'trailing-slash warning endpoint.trailingSlash.cause endpoint.trailingSlash.fix -> https://pool.example.com/v1 endpoint.fix.removeTrailingSlash{"url":"https://pool.example.com/v1"}',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/v1","fullUrl":false,"traeUrl":"https://pool.example.com/v1","traeCallUrl":"https://pool.example.com/v1///chat/completions","modelsUrl":"https://pool.example.com/v1/models","usageUrl":"https://pool.example.com/v1/usage"}',
    ],
  ],
  [
    'https://pool.example.com/v1/',
    false,
    [
      'ok "https://pool.example.com/v1/"',
      'trailing-slash warning endpoint.trailingSlash.cause endpoint.trailingSlash.fix -> https://pool.example.com/v1 endpoint.fix.removeTrailingSlash{"url":"https://pool.example.com/v1"}',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/v1","fullUrl":false,"traeUrl":"https://pool.example.com/v1","traeCallUrl":"https://pool.example.com/v1//chat/completions","modelsUrl":"https://pool.example.com/v1/models","usageUrl":"https://pool.example.com/v1/usage"}',
    ],
  ],
  [
    'https://pool.example.com//v1',
    false,
    [
      'ok "https://pool.example.com//v1"',
      'empty-segment warning endpoint.emptySegment.cause endpoint.emptySegment.fix -> https://pool.example.com/v1 endpoint.fix.collapseSlashes{"url":"https://pool.example.com/v1"}',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/v1","fullUrl":false,"traeUrl":"https://pool.example.com/v1","traeCallUrl":"https://pool.example.com//v1/chat/completions","modelsUrl":"https://pool.example.com/v1/models","usageUrl":"https://pool.example.com/v1/usage"}',
    ],
  ],
  [
    'https://pool.example.com/v1/chat/completions/',
    true,
    [
      'ok "https://pool.example.com/v1/chat/completions/" full',
      'trailing-slash warning endpoint.trailingSlash.cause endpoint.trailingSlash.fix -> https://pool.example.com/v1/chat/completions full endpoint.fix.removeTrailingSlash{"url":"https://pool.example.com/v1/chat/completions"}',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/v1","fullUrl":true,"traeUrl":"https://pool.example.com/v1/chat/completions","traeCallUrl":"https://pool.example.com/v1/chat/completions/","modelsUrl":"https://pool.example.com/v1/models","usageUrl":"https://pool.example.com/v1/usage"}',
    ],
  ],
  [
    'https://pool.example.com/v1//chat/completions',
    true,
    [
      'ok "https://pool.example.com/v1//chat/completions" full',
      'empty-segment warning endpoint.emptySegment.cause endpoint.emptySegment.fix -> https://pool.example.com/v1/chat/completions full endpoint.fix.collapseSlashes{"url":"https://pool.example.com/v1/chat/completions"}',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/v1","fullUrl":true,"traeUrl":"https://pool.example.com/v1/chat/completions","traeCallUrl":"https://pool.example.com/v1//chat/completions","modelsUrl":"https://pool.example.com/v1/models","usageUrl":"https://pool.example.com/v1/usage"}',
    ],
  ],
  [
    'https://pool.example.com/prefix/v1',
    false,
    [
      'ok "https://pool.example.com/prefix/v1"',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/prefix/v1","fullUrl":false,"traeUrl":"https://pool.example.com/prefix/v1","traeCallUrl":"https://pool.example.com/prefix/v1/chat/completions","modelsUrl":"https://pool.example.com/prefix/v1/models","usageUrl":"https://pool.example.com/prefix/v1/usage"}',
    ],
  ],
  [
    'https://pool.example.com/a/b/v1/chat/completions',
    true,
    [
      'ok "https://pool.example.com/a/b/v1/chat/completions" full',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/a/b/v1","fullUrl":true,"traeUrl":"https://pool.example.com/a/b/v1/chat/completions","traeCallUrl":"https://pool.example.com/a/b/v1/chat/completions","modelsUrl":"https://pool.example.com/a/b/v1/models","usageUrl":"https://pool.example.com/a/b/v1/usage"}',
    ],
  ],
  [
    'https://pool.example.com/x@evil.com/v1',
    false,
    [
      'refused "https://pool.example.com/x@evil.com/v1"',
      'path-characters error endpoint.pathCharacters.cause{"chars":"\\"@\\""} endpoint.pathCharacters.fix{"chars":"\\"@\\""}',
    ],
  ],
  [
    'https://pool.example.com\\v1',
    false,
    [
      'refused "https://pool.example.com\\\\v1"',
      'path-characters error endpoint.pathCharacters.cause{"chars":"\\"\\\\\\""} endpoint.pathCharacters.fix{"chars":"\\"\\\\\\""} -> https://pool.example.com/v1 endpoint.fix.useSlashes{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'https://pool.example.com\\v1\\chat\\completions',
    true,
    [
      'refused "https://pool.example.com\\\\v1\\\\chat\\\\completions" full',
      'path-characters error endpoint.pathCharacters.cause{"chars":"\\"\\\\\\""} endpoint.pathCharacters.fix{"chars":"\\"\\\\\\""} -> https://pool.example.com/v1/chat/completions full endpoint.fix.useSlashes{"url":"https://pool.example.com/v1/chat/completions"}',
    ],
  ],
  [
    'https://pool.example.com/v1\\x',
    false,
    [
      'refused "https://pool.example.com/v1\\\\x"',
      'path-characters error endpoint.pathCharacters.cause{"chars":"\\"\\\\\\""} endpoint.pathCharacters.fix{"chars":"\\"\\\\\\""}',
    ],
  ],
  [
    'https://pool.example.com/a\\b@c/v1',
    false,
    [
      'refused "https://pool.example.com/a\\\\b@c/v1"',
      'path-characters error endpoint.pathCharacters.cause{"chars":"\\"\\\\\\" \\"@\\""} endpoint.pathCharacters.fix{"chars":"\\"\\\\\\" \\"@\\""}',
    ],
  ],
  [
    'https://pool.example.com/v1/a%zz',
    false,
    [
      'refused "https://pool.example.com/v1/a%zz"',
      'path-characters error endpoint.pathCharacters.cause{"chars":"\\"%\\""} endpoint.pathCharacters.fix{"chars":"\\"%\\""}',
    ],
  ],
  [
    'https://pool.example.com/v1%2Fx',
    false,
    [
      'refused "https://pool.example.com/v1%2Fx"',
      'missing-v1 error endpoint.missingV1.cause endpoint.missingV1.fix -> https://pool.example.com/v1%2Fx/v1 endpoint.fix.addV1{"url":"https://pool.example.com/v1%2Fx/v1"}',
    ],
  ],
  [
    'https://pool.example.com/%41/v1',
    false,
    [
      'ok "https://pool.example.com/%41/v1"',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/%41/v1","fullUrl":false,"traeUrl":"https://pool.example.com/%41/v1","traeCallUrl":"https://pool.example.com/%41/v1/chat/completions","modelsUrl":"https://pool.example.com/%41/v1/models","usageUrl":"https://pool.example.com/%41/v1/usage"}',
    ],
  ],
  [
    'https://pool.example.com/ü/v1',
    false,
    [
      'ok "https://pool.example.com/ü/v1"',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/ü/v1","fullUrl":false,"traeUrl":"https://pool.example.com/ü/v1","traeCallUrl":"https://pool.example.com/ü/v1/chat/completions","modelsUrl":"https://pool.example.com/ü/v1/models","usageUrl":"https://pool.example.com/ü/v1/usage"}',
    ],
  ],
  [
    'https://pool.example.com/a:b/v1',
    false,
    [
      'refused "https://pool.example.com/a:b/v1"',
      'path-characters error endpoint.pathCharacters.cause{"chars":"\\":\\""} endpoint.pathCharacters.fix{"chars":"\\":\\""}',
    ],
  ],
  [
    'https://pool.example.com/a"b"/v1',
    false,
    [
      'refused "https://pool.example.com/a\\"b\\"/v1"',
      'path-characters error endpoint.pathCharacters.cause{"chars":"\\"\\"\\""} endpoint.pathCharacters.fix{"chars":"\\"\\"\\""}',
    ],
  ],
  [
    'https://pool.example.com/[x]/v1',
    false,
    [
      'refused "https://pool.example.com/[x]/v1"',
      'path-characters error endpoint.pathCharacters.cause{"chars":"\\"[\\" \\"]\\""} endpoint.pathCharacters.fix{"chars":"\\"[\\" \\"]\\""}',
    ],
  ],
  [
    'https://pool.example.com/😀😀/v1',
    false,
    [
      'refused "https://pool.example.com/😀😀/v1"',
      'path-characters error endpoint.pathCharacters.cause{"chars":"\\"😀\\""} endpoint.pathCharacters.fix{"chars":"\\"😀\\""}',
    ],
  ],
  [
    'http://pool.example.com\\v1',
    false,
    [
      'refused "http://pool.example.com\\\\v1"',
      'insecure-http error endpoint.insecureHttp.cause{"host":"pool.example.com"} endpoint.insecureHttp.fix{"host":"pool.example.com"} -> https://pool.example.com\\v1 endpoint.fix.useHttps{"url":"https://pool.example.com\\\\v1"}',
      'path-characters error endpoint.pathCharacters.cause{"chars":"\\"\\\\\\""} endpoint.pathCharacters.fix{"chars":"\\"\\\\\\""}',
    ],
  ],
  [
    'http://localhost:4000\\v1',
    false,
    [
      'refused "http://localhost:4000\\\\v1"',
      'path-characters error endpoint.pathCharacters.cause{"chars":"\\"\\\\\\""} endpoint.pathCharacters.fix{"chars":"\\"\\\\\\""} -> http://localhost:4000/v1 endpoint.fix.useSlashes{"url":"http://localhost:4000/v1"}',
    ],
  ],
  [
    'http://[aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    false,
    [
      'refused "http://[aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"',
      'not-a-url error endpoint.notUrl.cause{"value":"http://[aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","url":"http://localhost:4000/v1"} endpoint.notUrl.fix{"value":"http://[aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","url":"http://localhost:4000/v1"}',
    ],
  ],
  [
    'http://[aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    false,
    [
      'refused "http://[aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"',
      'not-a-url error endpoint.notUrl.cause{"value":"http://[aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…","url":"http://localhost:4000/v1"} endpoint.notUrl.fix{"value":"http://[aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…","url":"http://localhost:4000/v1"}',
    ],
  ],
  [
    'http://[aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa',
    false,
    [
      'refused "http://[aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"',
      'not-a-url error endpoint.notUrl.cause{"value":"http://[aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…","url":"http://localhost:4000/v1"} endpoint.notUrl.fix{"value":"http://[aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…","url":"http://localhost:4000/v1"}',
    ],
  ],
  [
    'https://https://pool.example.com/v1',
    false,
    [
      'refused "https://https://pool.example.com/v1"',
      'doubled-scheme error endpoint.doubledScheme.cause endpoint.doubledScheme.fix -> https://pool.example.com/v1 endpoint.fix.dropFirstScheme{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    'HTTPS://http://localhost:4000/v1',
    false,
    [
      'refused "HTTPS://http://localhost:4000/v1"',
      'doubled-scheme error endpoint.doubledScheme.cause endpoint.doubledScheme.fix -> http://localhost:4000/v1 endpoint.fix.dropFirstScheme{"url":"http://localhost:4000/v1"}',
    ],
  ],
  [
    'http://https://pool.example.com/v1',
    true,
    [
      'refused "http://https://pool.example.com/v1" full',
      'doubled-scheme error endpoint.doubledScheme.cause endpoint.doubledScheme.fix',
    ],
  ],
  [
    'https://pool.example.com /v1/',
    false,
    [
      'refused "https://pool.example.com /v1/"',
      'inner-whitespace error endpoint.innerWhitespace.cause endpoint.innerWhitespace.fix -> https://pool.example.com/v1/ endpoint.fix.removeSpaces{"url":"https://pool.example.com/v1/"}',
    ],
  ],
  [
    'https://:pw@pool.example.com/v1',
    false,
    [
      'refused "https://:pw@pool.example.com/v1"',
      'credentials error endpoint.credentials.cause endpoint.credentials.fix -> https://pool.example.com/v1 endpoint.fix.removeCredentials{"url":"https://pool.example.com/v1"}',
    ],
  ],
  [
    '<<<<https://pool.example.com/v1>>>>',
    false,
    [
      'refused "<https://pool.example.com/v1>"',
      'quoted warning endpoint.quoted.cause endpoint.quoted.fix -> <https://pool.example.com/v1> endpoint.fix.removeQuotes{"url":"<https://pool.example.com/v1>"}',
      'not-a-url error endpoint.notUrl.cause{"value":"<https://pool.example.com/v1>","url":"http://localhost:4000/v1"} endpoint.notUrl.fix{"value":"<https://pool.example.com/v1>","url":"http://localhost:4000/v1"}',
    ],
  ],
  [
    '"',
    false,
    [
      'refused "\\""',
      'not-a-url error endpoint.notUrl.cause{"value":"\\"","url":"http://localhost:4000/v1"} endpoint.notUrl.fix{"value":"\\"","url":"http://localhost:4000/v1"}',
    ],
  ],
  [
    '""https://pool.example.com/v1',
    false,
    [
      'ok "https://pool.example.com/v1"',
      'quoted warning endpoint.quoted.cause endpoint.quoted.fix -> https://pool.example.com/v1 endpoint.fix.removeQuotes{"url":"https://pool.example.com/v1"}',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/v1","fullUrl":false,"traeUrl":"https://pool.example.com/v1","traeCallUrl":"https://pool.example.com/v1/chat/completions","modelsUrl":"https://pool.example.com/v1/models","usageUrl":"https://pool.example.com/v1/usage"}',
    ],
  ],
  [
    '"http://localhost:4000/v1',
    false,
    [
      'ok "http://localhost:4000/v1"',
      'quoted warning endpoint.quoted.cause endpoint.quoted.fix -> http://localhost:4000/v1 endpoint.fix.removeQuotes{"url":"http://localhost:4000/v1"}',
      '{"origin":"http://localhost:4000","host":"localhost:4000","loopback":true,"apiBase":"http://localhost:4000/v1","fullUrl":false,"traeUrl":"http://localhost:4000/v1","traeCallUrl":"http://localhost:4000/v1/chat/completions","modelsUrl":"http://localhost:4000/v1/models","usageUrl":"http://localhost:4000/v1/usage"}',
    ],
  ],
  [
    'x"https://pool.example.com/v1',
    false,
    [
      'refused "x\\"https://pool.example.com/v1"',
      'not-a-url error endpoint.notUrl.cause{"value":"x\\"https://pool.example.com/v1","url":"http://localhost:4000/v1"} endpoint.notUrl.fix{"value":"x\\"https://pool.example.com/v1","url":"http://localhost:4000/v1"}',
    ],
  ],
  [
    'https://pool.example.com/v1""',
    false,
    [
      'ok "https://pool.example.com/v1"',
      'quoted warning endpoint.quoted.cause endpoint.quoted.fix -> https://pool.example.com/v1 endpoint.fix.removeQuotes{"url":"https://pool.example.com/v1"}',
      '{"origin":"https://pool.example.com","host":"pool.example.com","loopback":false,"apiBase":"https://pool.example.com/v1","fullUrl":false,"traeUrl":"https://pool.example.com/v1","traeCallUrl":"https://pool.example.com/v1/chat/completions","modelsUrl":"https://pool.example.com/v1/models","usageUrl":"https://pool.example.com/v1/usage"}',
    ],
  ],
  [
    'pool.example.com/https://x',
    false,
    [
      'refused "pool.example.com/https://x"',
      'missing-scheme error endpoint.missingScheme.cause{"scheme":"https"} endpoint.missingScheme.fix{"scheme":"https"} -> https://pool.example.com/https://x endpoint.fix.addScheme{"url":"https://pool.example.com/https://x"}',
    ],
  ],
  [
    'a+b://x',
    false,
    [
      'refused "a+b://x"',
      'bad-scheme error endpoint.badScheme.cause{"scheme":"a+b"} endpoint.badScheme.fix{"scheme":"a+b"}',
    ],
  ],
  [
    'LOCALHOST:4000/v1',
    false,
    [
      'refused "LOCALHOST:4000/v1"',
      'missing-scheme error endpoint.missingScheme.cause{"scheme":"http"} endpoint.missingScheme.fix{"scheme":"http"} -> http://LOCALHOST:4000/v1 endpoint.fix.addScheme{"url":"http://LOCALHOST:4000/v1"}',
    ],
  ],
];

describe('URL rules answer by answer (mutation)', () => {
  it('every finding, its words, its corrections, and the endpoint', () => {
    for (const [input, fullUrl, expected] of CASES)
      assert.deepEqual(summary(analyzeEndpoint(input, fullUrl)), expected, JSON.stringify(input));
  });

  it('2,048 characters at most, counted before trimming', () => {
    const base = 'https://pool.example.com/v1/';
    const at = (length: number) => base + 'a'.repeat(length - base.length);
    assert.deepEqual(
      analyzeEndpoint(at(2048), false).findings.map((f) => f.code),
      ['unexpected-path'],
    );
    assert.equal(analyzeEndpoint(at(2048), false).input, at(2048));
    const over = analyzeEndpoint(at(2049), false);
    assert.deepEqual(summary(over), [
      'refused ""',
      'too-long error endpoint.tooLong.cause{"length":2049,"max":2048} endpoint.tooLong.fix{"length":2049,"max":2048}',
    ]);
    assert.equal(analyzeEndpoint(` ${at(2047)} `, false).findings[0]?.code, 'too-long');
  });

  it('"fix all": the certain corrections in turn, warnings too, never the trimming alone', () => {
    const L = 'https://pool.example.com';
    assert.deepEqual(suggestCorrection('pool.example.com/v1/', false), { url: `${L}/v1`, fullUrl: false });
    assert.deepEqual(suggestCorrection(`"${L}/v1"`, false), { url: `${L}/v1`, fullUrl: false });
    assert.deepEqual(suggestCorrection(`${L}/v1/chat/completions`, false), { url: `${L}/v1`, fullUrl: false });
    assert.deepEqual(suggestCorrection(`${L}/v1`, true), { url: `${L}/v1/chat/completions`, fullUrl: true });
    assert.deepEqual(suggestCorrection(`${L}/v1/`, 'yes'), { url: `${L}/v1`, fullUrl: false });
    assert.equal(suggestCorrection(`${L}/v1`, false), undefined, 'already valid');
    assert.equal(suggestCorrection(` ${L}/v1 `, false), undefined, 'only trimmed: nothing to fix');
    assert.equal(suggestCorrection('mypool/v1', false), undefined, 'nothing certain');
    assert.equal(suggestCorrection(5, true), undefined);
  });

  it('loopback in any spelling; only localhost, 127.0.0.1 and ::1 are reached directly', () => {
    for (const host of ['localhost', 'LOCALHOST', 'localhost..', 'a.b.localhost', '[::1]', '::1', '127.255.0.9'])
      assert.equal(isLoopbackHost(host), true, host);
    for (const host of ['127.0.0.1.', '::ffff:127.0.0.1', '[::ffff:7f00:1]', '[::FFFF:7F00:1]'])
      assert.equal(isLoopbackHost(host), true, host);
    for (const host of [
      'xlocalhost',
      'localhost.x',
      'local.host',
      '.localhostx',
      '128.0.0.1',
      '[::2]',
      '::ffff:8f00:1',
      '',
    ])
      assert.equal(isLoopbackHost(host), false, host);
    for (const host of ['localhost', 'LocalHost', '127.0.0.1', '[::1]', '::1'])
      assert.equal(isDirectHost(host), true, host);
    for (const host of ['localhost.', '127.0.0.2', 'a.localhost', '[::ffff:7f00:1]'])
      assert.equal(isDirectHost(host), false, host);
  });
});
