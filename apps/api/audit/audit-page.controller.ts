import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Controller, Get, Header, NotFoundException, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { HttpResponse } from '../http/http-request.js';
import { Public } from '#libs/auth';
import { DISTRICTS, PARKS } from '#libs/enterprises/domain';
import { ENUM_NAMES, EVENT_TYPE_NAMES, FIELD_NAMES, INDUSTRY_DIVISIONS } from '#libs/labels';
import { Unlimited } from '../http/rate-limit.guard.js';

const JAVASCRIPT = 'text/javascript; charset=utf-8';

/**
 * Every file the page is made of, and its type: nothing else under `/audit` can be fetched. The script is
 * native ES modules (`audit-page.js` is the entry, loaded with `<script type="module">`, and imports the others
 * by relative URL, same origin as helmet's `script-src 'self'` asks); a browser runs a module only when it is
 * sent with a JavaScript type. A new module of the page goes in this list.
 */
const TYPES: Readonly<Record<string, string>> = {
  'index.html': 'text/html; charset=utf-8',
  'audit-page.css': 'text/css; charset=utf-8',
  'audit-page.js': JAVASCRIPT,
  'api.js': JAVASCRIPT,
  'as-of.js': JAVASCRIPT,
  'dom.js': JAVASCRIPT,
  'dossier.js': JAVASCRIPT,
  'entry-view.js': JAVASCRIPT,
  'filters.js': JAVASCRIPT,
  'format.js': JAVASCRIPT,
  'i18n.js': JAVASCRIPT,
  'labels.js': JAVASCRIPT,
  'providers.js': JAVASCRIPT,
  'search.js': JAVASCRIPT,
  'text.js': JAVASCRIPT,
  'timeline.js': JAVASCRIPT,
};

/** The page's files sit beside this source; the build (dist/apps/api/audit) reads them from the source tree. */
function pageDirectory(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [join(here, 'page'), join(here, '..', '..', '..', '..', 'apps', 'api', 'audit', 'page')];
  const found = candidates.find((candidate) => existsSync(join(candidate, 'index.html')));
  if (!found) throw new Error(`The audit page's files are missing (looked in ${candidates.join(', ')})`);
  return found;
}

/**
 * `labels.js`: the label catalogue (`libs/labels`) and this deployment's district and park names, as the page's
 * module, so that the page and the server name things the same way.
 */
function labelsModule(): Buffer {
  const labels = {
    events: EVENT_TYPE_NAMES,
    enums: ENUM_NAMES,
    fields: FIELD_NAMES,
    industries: INDUSTRY_DIVISIONS,
    districts: DISTRICTS,
    parks: Object.fromEntries(PARKS.map((park) => [park.parkId, park.name])),
  };
  return Buffer.from(
    `// Made by the server from its label catalogue.\nexport const LABELS = ${JSON.stringify(labels)};\n`,
  );
}

/**
 * `GET /audit`: the audit-history page for people (一企一档 dossier, timelines, as-of view, exports). The page
 * itself is public and holds no data; every figure it shows comes from the `/v1` API with the token the user
 * enters, under that token's role and scope. Static files: never rate-limited.
 */
@Controller('audit')
@Public()
@Unlimited()
@ApiExcludeController()
export class AuditPageController {
  private readonly files: ReadonlyMap<string, Buffer>;

  constructor() {
    const directory = pageDirectory();
    const read = (name: string) => (name === 'labels.js' ? labelsModule() : readFileSync(join(directory, name)));
    this.files = new Map(Object.keys(TYPES).map((name) => [name, read(name)]));
  }

  @Get()
  @Header('Cache-Control', 'no-cache')
  page(@Res() response: HttpResponse): void {
    this.send(response, 'index.html');
  }

  @Get(':file')
  @Header('Cache-Control', 'no-cache')
  asset(@Param('file') file: string, @Res() response: HttpResponse): void {
    // Only a name of the list: the parameter is one path segment, and it is looked up, never joined to a path.
    if (file === 'index.html' || !this.files.has(file)) throw new NotFoundException();
    this.send(response, file);
  }

  private send(response: HttpResponse, file: string): void {
    response.type(TYPES[file]!).send(this.files.get(file));
  }
}
