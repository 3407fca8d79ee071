import { Module } from '@nestjs/common';
import { HouseholdsRepository } from './households.repository';

@Module({ providers: [HouseholdsRepository], exports: [HouseholdsRepository] })
export class HouseholdsModule {}
