// The third bundle (dist/checkEngine.js): the check itself, loaded by the check service on the first check
// after activation, so that starting the editor parses none of it: the pool client and the schemas every
// answer is read against (zod), the diagnoses, the usage summary and the report's text.
import * as z from 'zod/mini';
import { checkConnection } from './core/check/check';
import * as checkReport from './core/check/checkReport';
import * as diagnosis from './core/check/diagnosis';
import * as failureDiagnosis from './core/check/failureDiagnosis';
import * as matching from './core/check/matching';
import * as reportText from './core/check/reportText';
import * as transport from './core/http/transport';
import * as poolClient from './core/pool/poolClient';
import * as poolResponse from './core/pool/poolResponse';
import * as schemas from './core/pool/schemas';
import * as keyShape from './core/secrets/keyShape';
import * as poolKey from './core/secrets/poolKey';
import * as redact from './core/secrets/redact';
import * as sha256 from './core/secrets/sha256';
import * as inertText from './core/text/inertText';
import * as messages from './core/text/messages';
import * as endpoint from './core/url/endpoint';
import * as endpointTidy from './core/url/endpointTidy';
import type { CheckEngine } from './services/checkService';

export const checkEngine: CheckEngine = {
  checkConnection,
  formatReport: reportText.formatReport,
  PoolClient: poolClient.PoolClient,
};

/** What the wizard's schemas (and the Trae-shaped check's) call of zod/mini; a unit test holds it complete. */
const zodMini = {
  array: z.array,
  boolean: z.boolean,
  custom: z.custom,
  enum: z.enum,
  int: z.int,
  length: z.length,
  literal: z.literal,
  maxLength: z.maxLength,
  minLength: z.minLength,
  nullable: z.nullable,
  number: z.number,
  object: z.object,
  optional: z.optional,
  positive: z.positive,
  string: z.string,
  union: z.union,
  unknown: z.unknown,
};

/**
 * The modules this bundle holds that the command handlers' bundle (dist/interactive.js) imports too, by their
 * path under src: that bundle takes them from here (esbuild.config.mjs reads these keys) instead of a copy.
 */
export const sharedWithInteractive = {
  'zod/mini': zodMini,
  'core/check/checkReport': checkReport,
  'core/check/diagnosis': diagnosis,
  'core/check/failureDiagnosis': failureDiagnosis,
  'core/check/matching': matching,
  'core/check/reportText': reportText,
  'core/http/transport': transport,
  'core/pool/poolClient': poolClient,
  'core/pool/poolResponse': poolResponse,
  'core/pool/schemas': schemas,
  'core/secrets/keyShape': keyShape,
  'core/secrets/poolKey': poolKey,
  'core/secrets/redact': redact,
  'core/secrets/sha256': sha256,
  'core/text/inertText': inertText,
  'core/text/messages': messages,
  'core/url/endpoint': endpoint,
  'core/url/endpointTidy': endpointTidy,
};
