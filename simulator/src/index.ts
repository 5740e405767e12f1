export { ApiError, graphql, unreachable } from './api-client.js';
export {
  NO_EFFECTS,
  RPM_COW_EFFECTS,
  simulatedDiskSnapshot,
  simulatedFleet,
  simulatedTransaction,
  type SimulatedHost,
  type SimulationEffects,
} from './fleet-model.js';
export {
  simulate,
  type SimulationOptions,
  type SimulationProgress,
  type SimulationResult,
} from './simulate.js';
export { logNormal, normal, seededRandom, type Random } from './random.js';
