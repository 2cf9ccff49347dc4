import { Controller, Get, HttpCode, Post } from '@nestjs/common';
import { z } from 'zod';
import { Roles } from '#libs/auth';
import { ReadReplicas } from '#libs/database';
import { ProjectionAdmin } from '#libs/projections';
import { IdParam } from '../http/params.js';
import { LogFenceStatus } from './log-fence.status.js';
import { ZodBody } from '../http/zod-body.js';

const noBody = z.strictObject({});

/** Projection admin: status with lag and last error; rebuild, pause, resume. Admins only. */
@Controller('v1/admin/projections')
@Roles('admin')
export class ProjectionsController {
  constructor(
    private readonly projections: ProjectionAdmin,
    private readonly fence: LogFenceStatus,
    private readonly replicas: ReadReplicas,
  ) {}

  /**
   * Every projection's status; `stalledBy`: an event-writing transaction every projection waits for; the read
   * replicas this process reads from, with their lag (their read models are the primary's, replayed).
   */
  @Get()
  async list() {
    const [items, stalledBy] = await Promise.all([this.projections.status(), this.fence.stall(true)]);
    return { items, stalledBy, replicas: this.replicas.status() };
  }

  /** Replays the log into fresh tables and swaps them in when caught up; reads go on from the old ones. */
  @Post(':name/rebuild')
  @HttpCode(202)
  async rebuild(@IdParam('name') projection: string, @ZodBody(noBody) _body: object) {
    await this.projections.rebuild(projection);
    return this.one(projection);
  }

  @Post(':name/pause')
  @HttpCode(200)
  async pause(@IdParam('name') projection: string, @ZodBody(noBody) _body: object) {
    await this.projections.pause(projection);
    return this.one(projection);
  }

  /** Ends a pause, or retries a failed projection from the event it stopped at. */
  @Post(':name/resume')
  @HttpCode(200)
  async resume(@IdParam('name') projection: string, @ZodBody(noBody) _body: object) {
    await this.projections.resume(projection);
    return this.one(projection);
  }

  private async one(projection: string) {
    return (await this.projections.status()).find((status) => status.name === projection);
  }
}
