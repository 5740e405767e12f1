import { Module } from '@nestjs/common';
import { MetricsResolver } from './metrics.resolver.js';

@Module({ providers: [MetricsResolver] })
export class MetricsModule {}
