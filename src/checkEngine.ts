// The third bundle (dist/checkEngine.js): the check itself, loaded by the check service on the first check
// after activation, so that starting the editor parses none of it: the pool client and the schemas every
// answer is read against (zod), the diagnoses, the usage summary and the report's text.
import { checkConnection } from './core/check/check';
import { formatReport } from './core/check/reportText';
import { PoolClient } from './core/pool/poolClient';
import type { CheckEngine } from './services/checkService';

export const checkEngine: CheckEngine = { checkConnection, formatReport, PoolClient };
