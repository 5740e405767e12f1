import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { EnrollSecretEntity } from './enroll-secret.entity.js';
import { EnrollSecretsResolver } from './enroll-secrets.resolver.js';
import { EnrollSecretsService } from './enroll-secrets.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([EnrollSecretEntity])],
  providers: [EnrollSecretsService, EnrollSecretsResolver],
  exports: [EnrollSecretsService],
})
export class EnrollSecretsModule {}
