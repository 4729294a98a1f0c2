import { createConnectionType } from '@hub/kit';
import { __Entity__ } from './__entity-kebab__.entity';

/** `__Entity__Connection` / `__Entity__Edge`: a page of __entities_words__ (Relay cursor connection). */
export const __Entity__Connection = createConnectionType(__Entity__, '__Entity__', '__entities_words__');
export type __Entity__Connection = InstanceType<typeof __Entity__Connection>;
