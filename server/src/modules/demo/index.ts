// Public entry of the demo module: the calibrated demo city (攀枝花, June–July 2019) whose
// July figures are the seed bulletin's.

export { type DemoHistoryResult, seedDemoHistory } from './demo-history.service.js';
