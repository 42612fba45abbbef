// The check itself for tests: what the editor loads on the first check (dist/checkEngine.js), here at once.
import { checkEngine } from '../../../src/checkEngine';
import type { CheckEngine } from '../../../src/services/checkService';

export const loadCheckEngine = (): Promise<CheckEngine> => Promise.resolve(checkEngine);
