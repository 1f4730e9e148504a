/**
 * Django's SuspiciousOperation: a request Django refuses as malformed or hostile.
 * Django answers these with 400 wherever they are raised, and so does the mock.
 */
export class SuspiciousOperation extends Error {}
