export { DistrictMovesModule } from './district-moves.module.js';
export { DISTRICT_MOVES, districtMovesProjection } from './district-moves.projection.js';
export { DistrictMovesReactor } from './district-moves.reactor.js';
