import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { foldErrorReason } from './fold-errors.js';

/**
 * Work that must see what a fold pass just folded, in the pass's own transaction (the
 * guardrails that halt an experiment: decisions/guardrail-watch.ts). Folding knows
 * nothing of who listens; listeners register themselves at start.
 */
export interface FoldListener {
  /** Runs in the pass's transaction after it folded `experimentIds`. */
  afterPass(manager: EntityManager, experimentIds: readonly string[]): Promise<void>;
}

@Injectable()
export class FoldListeners {
  private readonly logger = new Logger(FoldListeners.name);
  private readonly listeners: FoldListener[] = [];

  register(listener: FoldListener): void {
    this.listeners.push(listener);
  }

  /**
   * Each listener behind a savepoint: one that fails is rolled back and logged, and the
   * pass commits what it folded anyway, so a listener never stops folding.
   */
  async afterPass(manager: EntityManager, experimentIds: readonly string[]): Promise<void> {
    if (experimentIds.length === 0) return;
    for (const listener of this.listeners) {
      await manager.query('SAVEPOINT fold_listener');
      try {
        await listener.afterPass(manager, experimentIds);
        await manager.query('RELEASE SAVEPOINT fold_listener');
      } catch (error) {
        await manager.query('ROLLBACK TO SAVEPOINT fold_listener');
        this.logger.error(`a fold listener failed; the pass goes on: ${foldErrorReason(error)}`);
      }
    }
  }
}
