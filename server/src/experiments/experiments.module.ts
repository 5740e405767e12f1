import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AlertsModule } from '../alerts/alerts.module.js';
import { ChangesModule } from '../changes/changes.module.js';
import { ArmEntity } from './arm.entity.js';
import { ExperimentMetricEntity } from './experiment-metric.entity.js';
import { ExperimentEntity } from './experiment.entity.js';
import { ExperimentOwnership } from './experiment-ownership.service.js';
import { ExperimentUpdatesResolver } from './experiment-updates.resolver.js';
import { ExperimentsResolver } from './experiments.resolver.js';
import { ExperimentsService } from './experiments.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([ExperimentEntity, ArmEntity, ExperimentMetricEntity]),
    ChangesModule,
    AlertsModule,
  ],
  providers: [
    ExperimentsService,
    ExperimentOwnership,
    ExperimentsResolver,
    ExperimentUpdatesResolver,
  ],
  exports: [ExperimentsService, ExperimentOwnership],
})
export class ExperimentsModule {}
