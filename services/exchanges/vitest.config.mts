import { hubVitestConfig } from '../../vitest.shared.mts';

export default hubVitestConfig({ globalSetup: '../kit/test/global-setup.ts' });
