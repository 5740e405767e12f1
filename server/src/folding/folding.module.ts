import { Global, Module } from '@nestjs/common';
import { FoldListeners } from './fold-listeners.js';
import { FolderService } from './folder.service.js';
import { QuarantineResolver } from './quarantine.resolver.js';
import { QuarantineService } from './quarantine.service.js';
import { RollupStatusResolver } from './rollup-status.resolver.js';

/**
 * The folder, which folds acknowledged samples into the rollups (see folder.service.ts),
 * and the quarantine of what it could not fold.
 */
@Global()
@Module({
  providers: [
    FolderService,
    FoldListeners,
    QuarantineService,
    RollupStatusResolver,
    QuarantineResolver,
  ],
  exports: [FolderService, FoldListeners],
})
export class FoldingModule {}
