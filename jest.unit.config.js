// `npm run test:unit`: the unit specs only, in seconds, with no PostgreSQL started (the
// full configuration's global setup starts one for the API and later tests).
import config, { UNIT_PROJECTS } from './jest.config.js';

export default {
  projects: UNIT_PROJECTS,
  maxWorkers: config.maxWorkers,
  testTimeout: config.testTimeout,
};
