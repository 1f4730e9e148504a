import { SEED_ADMIN, type Credentials } from '../scripts/servers';

/** Users in the run's data: the seed's admin, and alice, created before the API starts. */
export const ADMIN: Credentials = SEED_ADMIN;
export const ALICE: Credentials = { username: 'alice', password: 'wonderland' };
