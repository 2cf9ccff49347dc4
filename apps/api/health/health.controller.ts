import { Controller, Get, Inject } from '@nestjs/common';
import { Public } from '#libs/auth';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DATABASE, type Database } from '#libs/database';

@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(DATABASE) private readonly database: Database,
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      async () => {
        const indicator = this.indicators.check('database');
        try {
          await this.database.ping();
          return indicator.up({ kind: this.database.kind });
        } catch (error) {
          return indicator.down({ kind: this.database.kind, message: (error as Error).message });
        }
      },
    ]);
  }
}
