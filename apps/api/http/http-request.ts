import type { Principal } from '#libs/auth';

/** What the service keeps on a request beside what Fastify gives it. */
declare module 'fastify' {
  interface FastifyRequest {
    /** When the service took the request, by its clock: a write's `now`, and the bound its `occurredAt` is checked against. */
    receivedAt?: Date;
    /** Who sent it, once the API key guard has checked the token. */
    principal?: Principal;
  }
}

export type { FastifyReply as HttpResponse, FastifyRequest as HttpRequest } from 'fastify';
