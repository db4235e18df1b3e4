/** `npm run demo`: the service with the built-in simulated web and its fictional demo person. */
import { main } from './main.ts';

process.env.DEMO_WEB = 'on';
await main(process.argv.slice(2));
