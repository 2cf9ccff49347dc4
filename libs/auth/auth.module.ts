import { type DynamicModule, Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { DATABASE, type Database } from '#libs/database';
import { ApiKeyRepository } from './api-key.repository.js';
import { ApiKeysService } from './api-keys.service.js';
import { ApiKeyGuard } from './auth.guard.js';

@Global()
@Module({})
export class AuthModule {
  static forRoot(options: { bootstrapAdminToken: string | undefined }): DynamicModule {
    return {
      module: AuthModule,
      providers: [
        {
          provide: ApiKeysService,
          inject: [DATABASE],
          useFactory: (database: Database) =>
            new ApiKeysService(new ApiKeyRepository(database.db), options.bootstrapAdminToken, database),
        },
        { provide: APP_GUARD, useClass: ApiKeyGuard },
      ],
      exports: [ApiKeysService],
    };
  }
}
