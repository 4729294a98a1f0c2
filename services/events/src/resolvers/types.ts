import type { SubgraphContext } from '@hub/kit';
import type { EventsLoaders } from '../loaders/loaders';

export type EventsContext = SubgraphContext<EventsLoaders>;
