import { Controller, Get, Header } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Roles } from '#libs/auth';
import { METRICS_CONTENT_TYPE, metricsText } from '#libs/metrics';
import { Unlimited } from '../http/rate-limit.guard.js';

/** Prometheus text for admins (`METRICS_PORT` serves the same without a key, on a port of its own). */
@Controller('metrics')
@Roles('admin')
@Unlimited()
@ApiExcludeController()
export class MetricsController {
  @Get()
  @Header('Content-Type', METRICS_CONTENT_TYPE)
  @Header('Cache-Control', 'no-store')
  scrape(): Promise<string> {
    return metricsText();
  }
}
