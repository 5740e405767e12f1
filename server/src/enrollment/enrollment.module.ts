import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExperimentsModule } from '../experiments/experiments.module.js';
import { HostsModule } from '../hosts/hosts.module.js';
import { BulkEnrollmentService } from './bulk-enrollment.service.js';
import { EnrollmentEntity } from './enrollment.entity.js';
import { EnrollmentResolver, HostEnrollmentsResolver } from './enrollment.resolver.js';
import { EnrollmentService } from './enrollment.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([EnrollmentEntity]), ExperimentsModule, HostsModule],
  providers: [
    EnrollmentService,
    BulkEnrollmentService,
    EnrollmentResolver,
    HostEnrollmentsResolver,
  ],
  exports: [EnrollmentService],
})
export class EnrollmentModule {}
