import { hubVitestConfig } from '../../vitest.shared.mts';

export default hubVitestConfig({ globalSetup: '../../services/kit/test/global-setup.ts' });
