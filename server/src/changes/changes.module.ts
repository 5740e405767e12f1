import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ChangeEntity } from './change.entity.js';
import { ChangesResolver } from './changes.resolver.js';
import { ChangesService } from './changes.service.js';

@Module({
  imports: [TypeOrmModule.forFeature([ChangeEntity])],
  providers: [ChangesService, ChangesResolver],
  exports: [ChangesService],
})
export class ChangesModule {}
