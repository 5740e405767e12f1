import { Module } from '@nestjs/common';
import { ChangesModule } from '../changes/changes.module.js';
import { EnrollSecretsModule } from '../enroll-secrets/enroll-secrets.module.js';
import { EnrollmentModule } from '../enrollment/enrollment.module.js';
import { ExperimentsModule } from '../experiments/experiments.module.js';
import { HostsModule } from '../hosts/hosts.module.js';
import { DemoSeedService } from './demo-seed.service.js';

@Module({
  imports: [ChangesModule, ExperimentsModule, EnrollSecretsModule, HostsModule, EnrollmentModule],
  providers: [DemoSeedService],
})
export class DemoModule {}
