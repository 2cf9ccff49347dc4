import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '#libs/config';
import { DemoDataLoader } from '#libs/demo-data';
import { AppModule } from './app.module.js';

/** `npm run cli -- demo-data [--enterprises N]`: commands run without the HTTP server (stop the api first on PGlite). */
async function main(): Promise<void> {
  const [command, ...args] = process.argv.slice(2);
  if (command !== 'demo-data') {
    console.error('Usage: npm run cli -- demo-data [--enterprises N]');
    process.exit(2);
  }
  const count = args.includes('--enterprises') ? Number(args[args.indexOf('--enterprises') + 1]) : undefined;
  const app = await NestFactory.createApplicationContext(AppModule.forRoot(loadConfig()), {
    logger: ['error', 'warn', 'log'],
  });
  const started = Date.now();
  await app.get(DemoDataLoader).load({
    enterprises: count,
    onProgress: (done, total) => {
      const width = 30;
      const filled = Math.round((done / total) * width);
      process.stdout.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} enterprises`);
      if (done === total) process.stdout.write(` in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    },
  });
  await app.close();
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
