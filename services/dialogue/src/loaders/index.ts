import type { SubgraphContext } from '@hub/kit';
import type { EntityManager } from '@mikro-orm/postgresql';
import {
  consultationByIdLoader,
  consultationsByEventLoader,
  questionByIdLoader,
  questionsByConsultationLoader,
  responseCountLoader,
} from './consultation.loader';
import { answersByResponseLoader, responseByIdLoader } from './response.loader';
import { resultCellsLoader } from './results.loader';
import { scopedConsultationCountsLoader, scopedConsultationPagesLoader } from './scoped-consultations.loader';

/** One DataLoader per lookup, created per request so nothing is cached across callers. */
export function createLoaders(em: EntityManager) {
  return {
    consultationById: consultationByIdLoader(em),
    consultationsByEvent: consultationsByEventLoader(em),
    questionsByConsultation: questionsByConsultationLoader(em),
    questionById: questionByIdLoader(em),
    responseCount: responseCountLoader(em),
    responseById: responseByIdLoader(em),
    answersByResponse: answersByResponseLoader(em),
    resultCells: resultCellsLoader(em),
    scopedConsultationPages: scopedConsultationPagesLoader(em),
    scopedConsultationCounts: scopedConsultationCountsLoader(em),
  };
}

export type DialogueLoaders = ReturnType<typeof createLoaders>;

/** What every resolver, query and write of this subgraph receives. */
export type DialogueContext = SubgraphContext<DialogueLoaders>;
