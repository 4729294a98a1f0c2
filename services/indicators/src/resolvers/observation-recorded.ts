import { MAX_EVENT_PAYLOAD_BYTES, type DomainEvent } from '@hub/kit';

export const OBSERVATION_RECORDED = 'indicators.observationRecorded';

/**
 * What `observationRecorded` subscribers receive from the bus: the batch id, and the indicator and region
 * codes it touched so subscribers filter without a query. A batch touching so many regions that the codes
 * would not fit a NOTIFY payload sends `regions: null`, and subscribers then read the batch to filter.
 */
export interface ObservationRecordedPayload extends Record<string, unknown> {
  batchId: string;
  indicators: string[];
  regions: string[] | null;
}

/** The domain event of one committed `recordObservations` batch. */
export function observationRecordedEvent(
  batchId: string,
  rows: Array<[indicator: string, region: string]>,
): DomainEvent {
  const payload: ObservationRecordedPayload = {
    batchId,
    indicators: [...new Set(rows.map(([indicator]) => indicator))].sort(),
    regions: [...new Set(rows.map(([, region]) => region))].sort(),
  };
  // Indicator codes are few (one per catalogue entry); region codes are what can grow.
  if (Buffer.byteLength(JSON.stringify(payload)) > MAX_EVENT_PAYLOAD_BYTES) payload.regions = null;
  return { topic: OBSERVATION_RECORDED, payload };
}
