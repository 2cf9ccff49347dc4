import { Module } from '@nestjs/common';
import { DistrictMovesReactor } from './district-moves.reactor.js';

/** The district-moves policy's reactor; its projection is in the read side's registry. */
@Module({ providers: [DistrictMovesReactor], exports: [DistrictMovesReactor] })
export class DistrictMovesModule {}
