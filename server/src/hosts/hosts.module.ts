import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnrollSecretsModule } from '../enroll-secrets/enroll-secrets.module.js';
import { ExperimentsModule } from '../experiments/experiments.module.js';
import { HostTokenEntity } from './host-token.entity.js';
import { HostEntity } from './host.entity.js';
import { HostsResolver } from './hosts.resolver.js';
import { HostsService } from './hosts.service.js';

@Module({
  imports: [
    TypeOrmModule.forFeature([HostEntity, HostTokenEntity]),
    EnrollSecretsModule,
    ExperimentsModule,
  ],
  providers: [HostsService, HostsResolver],
  exports: [HostsService],
})
export class HostsModule {}
