export { DEMO_PASSWORD, type DemoUser, demoUsers } from './demo-users.js';
export { registerAuthHook, registerUserRoutes } from './users.routes.js';
export { createUser, findUserIdByLogin, hashPassword } from './users.service.js';
