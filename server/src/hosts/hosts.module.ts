import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnrollSecretsModule } from '../enroll-secrets/enroll-secrets.module.js';
import { ExperimentsModule } from '../experiments/experiments.module.js';
import { HostAuthService } from './host-auth.service.js';
import { HostTokenEntity } from './host-token.entity.js';
import { HostTokenGuard } from './host-token.guard.js';
import { HostEntity } from './host.entity.js';
import { HostsResolver } from './hosts.resolver.js';
import { HostsService } from './hosts.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([HostEntity, HostTokenEntity]),
    EnrollSecretsModule,
    ExperimentsModule,
  ],
  providers: [HostsService, HostsResolver, HostAuthService, HostTokenGuard],
  exports: [HostsService, HostAuthService, HostTokenGuard],
})
export class HostsModule {}
