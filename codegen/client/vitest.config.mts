import { hubVitestConfig } from '../../vitest.shared.mts';

// The end-to-end tests start the real hub with infra/local's test harness on the run's PostgreSQL server.
export default hubVitestConfig({ globalSetup: '../../services/kit/test/global-setup.ts' });
