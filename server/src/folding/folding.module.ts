import { Global, Module } from '@nestjs/common';
import { FolderService } from './folder.service.js';
import { RollupStatusResolver } from './rollup-status.resolver.js';

/** The folder, which folds acknowledged samples into the rollups (see folder.service.ts). */
@Global()
@Module({ providers: [FolderService, RollupStatusResolver], exports: [FolderService] })
export class FoldingModule {}
