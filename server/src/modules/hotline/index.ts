// Public entry of the hotline module (12345 热线): work orders, knowledge base, emergency
// alerts, the unit board and the monthly figures the bulletin prints.

export { contactView, maskPhone } from './contact-masking.js';
export { registerHotlineCaseLink, registerHotlineRoutes } from './hotline.routes.js';
export { seedDemoHotlineHistory } from './hotline-demo.service.js';
export type { MonthlyFigures, UnitBoardRow } from './hotline-figures.js';
export { hotlineMonthlyFigures, hotlineOrdersReceived } from './hotline-queries.service.js';
export { seedHotlineDictionaries } from './hotline-seed.service.js';
