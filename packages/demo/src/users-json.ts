/** Prints the demo's users as JSON: the dashboard's `DEMO_USERS` in `npm run dev`. */
import { demoUsers } from './users.ts';

process.stdout.write(JSON.stringify(demoUsers));
