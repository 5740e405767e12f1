import { Module } from '@nestjs/common';
import { ChangesModule } from '../changes/changes.module.js';
import { EnrollSecretsModule } from '../enroll-secrets/enroll-secrets.module.js';
import { ExperimentsModule } from '../experiments/experiments.module.js';
import { DemoSeedService } from './demo-seed.service.js';
import { DemoResolver } from './demo.resolver.js';

@Module({
  imports: [ChangesModule, ExperimentsModule, EnrollSecretsModule],
  providers: [DemoSeedService, DemoResolver],
  exports: [DemoSeedService],
})
export class DemoModule {}
