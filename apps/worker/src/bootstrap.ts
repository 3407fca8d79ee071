import 'reflect-metadata';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { AppConfig } from '@unisson/config';
import { installPersonalDataKeys } from '@unisson/crypto';
import { WorkerModule } from './worker.module';

/** Starts the worker's processors (used by main.ts and by the end-to-end tests). */
export async function createWorker(config: AppConfig): Promise<INestApplicationContext> {
  // Malformed master keys stop the start here, naming the setting (never a key).
  installPersonalDataKeys(config.encryption);
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(config), { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  return app;
}
