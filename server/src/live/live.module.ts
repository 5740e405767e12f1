import { Global, Module } from '@nestjs/common';
import { ExperimentEvents } from './experiment-events.js';

/** Experiment change events, for every module that changes an experiment's data. */
@Global()
@Module({ providers: [ExperimentEvents], exports: [ExperimentEvents] })
export class LiveModule {}
