import { createAuditLog, defineSubgraph } from '@hub/kit';
import { Application } from './entities/application.entity';
import { PairingFeedback } from './entities/feedback.entity';
import { Pairing } from './entities/pairing.entity';
import { Programme } from './entities/programme.entity';
import { Organisation, referenceResolvers } from './entities/references.type';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { ApplicationWriteResolver } from './resolvers/application-write.resolver';
import { ApplicationResolver } from './resolvers/application.resolver';
import {
  EventExchangesResolver,
  OrganisationExchangesResolver,
  RegionExchangesResolver,
} from './resolvers/links.resolver';
import { PairingWriteResolver } from './resolvers/pairing-write.resolver';
import { PairingFeedbackResolver, PairingPartyResolver, PairingResolver } from './resolvers/pairing.resolver';
import { ProgrammeWriteResolver } from './resolvers/programme-write.resolver';
import { ProgrammeResolver } from './resolvers/programme.resolver';
import {
  resolveApplicationReference,
  resolvePairingReference,
  resolveProgrammeReference,
} from './resolvers/records.reference';
import { PairingSubscriptionResolver } from './resolvers/subscription.resolver';
import { seeds } from './seeds';

/** Admins read the writes to programmes, applications, pairings and feedback as `exchangesAuditLog`. */
const { AuditLogResolver } = createAuditLog({
  fieldName: 'exchangesAuditLog',
  whatIsAudited: 'programmes, applications, pairings and feedback',
  organisationType: Organisation,
});

/** The exchanges subgraph: mentoring and exchange programmes, private applications, pairings and feedback. */
export const subgraph = defineSubgraph({
  name: 'exchanges',
  entities: [Programme, Application, Pairing, PairingFeedback],
  migrations,
  resolvers: [
    ProgrammeResolver,
    ApplicationResolver,
    PairingResolver,
    PairingPartyResolver,
    PairingFeedbackResolver,
    ProgrammeWriteResolver,
    ApplicationWriteResolver,
    PairingWriteResolver,
    RegionExchangesResolver,
    OrganisationExchangesResolver,
    EventExchangesResolver,
    PairingSubscriptionResolver,
    AuditLogResolver,
  ],
  references: {
    Programme: resolveProgrammeReference,
    Application: resolveApplicationReference,
    Pairing: resolvePairingReference,
    ...referenceResolvers,
  },
  loaders: createLoaders,
  seeds,
  errorExtensions: {
    // CONFLICT of a status transition the status does not allow, of a write to a withdrawn application, of an
    // application outside the call.
    currentStatus: 'string',
    // CONFLICT of a second submitted application, pairing of the same applications, or feedback of one side.
    existingId: 'string',
  },
});
