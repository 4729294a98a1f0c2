import { createAuditLog } from '@hub/kit';
import { Organisation } from '../entities/organisation.entity';
import type { RegionsContext } from '../loaders';

/**
 * `auditLog`: the writes to organisations and memberships, newest first (hub admins only). Regions owns
 * `Organisation`, so a record's `organisation` is the loaded entity, not a stub.
 */
export const { AuditLogResolver } = createAuditLog({
  fieldName: 'auditLog',
  whatIsAudited: 'organisations and memberships',
  organisationType: Organisation,
  organisation: (id: string, context: RegionsContext) => context.loaders.organisationById.load(id),
});
