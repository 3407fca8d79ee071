import { Module } from '@nestjs/common';
import { PlaybookCatalog } from '@unisson/coordination';
import { ExperimentAssigner } from './experiment-assigner';
import { ExperimentsRepository } from './experiments.repository';
import { ExperimentsService } from './experiments.service';

/** Experiments: declaring them, assigning households, their report. Needs TypeORM from the app. */
@Module({
  providers: [
    ExperimentsRepository,
    ExperimentsService,
    ExperimentAssigner,
    { provide: PlaybookCatalog, useFactory: () => PlaybookCatalog.load() },
  ],
  exports: [ExperimentsService, ExperimentAssigner],
})
export class ExperimentsModule {}
