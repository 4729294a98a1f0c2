import { hubVitestConfig } from '../../vitest.shared.mts';

export default hubVitestConfig({ globalSetup: './test/global-setup.ts' });
