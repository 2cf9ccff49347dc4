import { Controller, Get, Inject } from '@nestjs/common';
import { Public } from '#libs/auth';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { DATABASE, type Database } from '#libs/database';
import { ProjectionAdmin } from '#libs/projections';

@Controller('health')
@Public()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(DATABASE) private readonly database: Database,
    private readonly projections: ProjectionAdmin,
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
      // Shown, not judged: a lagging or failed read model does not make this process unfit to serve writes
      // (every instance shares it); the admin API says what to do about it.
      async () => {
        const indicator = this.indicators.check('projections');
        const projections = Object.fromEntries(
          (await this.projections.status()).map((p) => [
            p.name,
            { status: p.status, lagEvents: p.lagEvents, lagSeconds: p.lagSeconds },
          ]),
        );
        return indicator.up(projections);
      },
    ]);
  }
}
