import { createConnectionType } from '@hub/kit';
import { Thread } from './thread.entity';

/** A page of threads: `threads`, `Region.threads`, `Organisation.threads`. */
export const ThreadConnection = createConnectionType(Thread, 'Thread', 'threads');
export type ThreadConnection = InstanceType<typeof ThreadConnection>;
