// The check itself for tests: what the editor loads on the first check (dist/checkEngine.js), here at once.
import { checkEngine } from '../../../src/checkEngine';
import { CheckService, type CheckEngine, type CheckServiceDeps } from '../../../src/services/checkService';

export const loadCheckEngine = (): Promise<CheckEngine> => Promise.resolve(checkEngine);

/** A CheckService over a test's fakes: the engine at once, no proxy, user agent 'tests' unless the test names one. */
export function checkServiceFor(
  deps: Omit<CheckServiceDeps, 'engine' | 'userAgent' | 'proxyFor'> & Partial<Pick<CheckServiceDeps, 'userAgent'>>,
): CheckService {
  return new CheckService({ engine: loadCheckEngine, userAgent: 'tests', proxyFor: () => undefined, ...deps });
}
