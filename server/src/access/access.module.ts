import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { AccessGuard } from './access.guard.js';
import { OidcController } from './oidc.controller.js';
import { PeopleResolver } from './people.resolver.js';
import { PeopleService } from './people.service.js';
import { PrincipalService } from './principal.service.js';
import { SessionController } from './session.controller.js';

/** Who may do what: people, tokens, sign-in, and the guard in front of every operation. */
@Global()
@Module({
  controllers: [SessionController, OidcController],
  providers: [
    PrincipalService,
    PeopleService,
    PeopleResolver,
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [PrincipalService],
})
export class AccessModule {}
