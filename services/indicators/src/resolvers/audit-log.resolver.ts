import { createAuditLog } from '@hub/kit';
import { Organisation } from '../entities/references.type';

/**
 * `indicatorsAuditLog`: the writes to indicator values, newest first (hub admins only). A record's
 * `organisation` is this subgraph's Organisation stub; the gateway fetches the rest from regions.
 */
export const { AuditLogResolver: IndicatorsAuditLogResolver } = createAuditLog({
  fieldName: 'indicatorsAuditLog',
  whatIsAudited: 'indicator values',
  organisationType: Organisation,
});
