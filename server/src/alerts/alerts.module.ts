import { Module } from '@nestjs/common';
import { AlertDeliveryService } from './alert-delivery.service.js';
import { AlertsService } from './alerts.service.js';
import { WebhooksResolver } from './webhooks.resolver.js';
import { WebhooksService } from './webhooks.service.js';

/**
 * Alerts: webhooks, the outbox other modules write alerts into (AlertsService.emit, in
 * their own transactions), and the worker that delivers it.
 */
@Module({
  providers: [AlertsService, WebhooksService, WebhooksResolver, AlertDeliveryService],
  exports: [AlertsService],
})
export class AlertsModule {}
