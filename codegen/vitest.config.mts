import { hubVitestConfig } from '../vitest.shared.mts';

export default hubVitestConfig();
