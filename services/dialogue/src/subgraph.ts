import { createAuditLog, defineSubgraph } from '@hub/kit';
import { Consultation } from './entities/consultation.entity';
import { Question } from './entities/question.entity';
import { Organisation, referenceResolvers } from './entities/references.type';
import { Response } from './entities/response.entity';
import { createLoaders } from './loaders';
import { migrations } from './migrations';
import { resolveConsultationReference } from './resolvers/consultation.reference';
import { ConsultationWriteResolver } from './resolvers/consultation-write.resolver';
import { AudienceResolver, ConsultationResolver } from './resolvers/consultation.resolver';
import { EventDialogueResolver } from './resolvers/event.resolver';
import { NeedsMapCellResolver, NeedsMapResolver, RegionNeedResolver } from './resolvers/needs.resolver';
import { OrganisationDialogueResolver } from './resolvers/organisation.resolver';
import { RegionDialogueResolver } from './resolvers/region.resolver';
import { resolveResponseReference } from './resolvers/response.reference';
import { ResponseWriteResolver } from './resolvers/response-write.resolver';
import { AnswerResolver, ResponseResolver } from './resolvers/response.resolver';
import { QuestionResultResolver } from './resolvers/results.resolver';
import { ConsultationSubscriptionResolver } from './resolvers/subscription.resolver';
import { seeds } from './seeds';

/** Admins read the writes to consultations and responses as `dialogueAuditLog`. */
const { AuditLogResolver } = createAuditLog({
  fieldName: 'dialogueAuditLog',
  whatIsAudited: 'consultations and responses',
  organisationType: Organisation,
});

/** The dialogue subgraph: consultations, private responses, published aggregates and the needs map. */
export const subgraph = defineSubgraph({
  name: 'dialogue',
  entities: [Consultation, Question, Response],
  migrations,
  resolvers: [
    ConsultationResolver,
    AudienceResolver,
    QuestionResultResolver,
    ResponseResolver,
    AnswerResolver,
    ConsultationWriteResolver,
    ResponseWriteResolver,
    RegionDialogueResolver,
    OrganisationDialogueResolver,
    EventDialogueResolver,
    NeedsMapResolver,
    NeedsMapCellResolver,
    RegionNeedResolver,
    ConsultationSubscriptionResolver,
    AuditLogResolver,
  ],
  references: {
    Consultation: resolveConsultationReference,
    Response: resolveResponseReference,
    ...referenceResolvers,
  },
  loaders: createLoaders,
  seeds,
  errorExtensions: {
    // CONFLICT of a status transition the status does not allow, of an answer to a consultation that is not
    // OPEN, of a change to a withdrawn response.
    currentStatus: 'string',
    // CONFLICT of an answer before `opensAt` / at or after `closesAt` (ISO 8601 instants).
    opensAt: 'string',
    closesAt: 'string',
    // CONFLICT of a second response for the same consultation, organisation and territory: the first one.
    existingId: 'string',
  },
});
